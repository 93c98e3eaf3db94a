import test from 'ava';
import { compile } from '../src/index.js';
import { registry } from './helpers/registry.js';

// An agent leaves out the exports an error is about and applies the rest (packages/cli's
// reactive/bad-exports.ts): the diagnostics must say which exports, not only in words.
const run = (text: string, collected: Parameters<typeof compile>[1]['collected']) => compile([{ path: 'main.mcl', text }], { registry, collected });

test('an error in a collected resource names the export it is about', (t) => {
  const r = run('collect file as $r { path => "/srv/" + $r.name, }\n', [
    { host: 'b', kind: 'file', name: 'bad', params: { mode: 'rwx' } },
    { host: 'c', kind: 'file', name: 'good', params: { content: 'x' } },
  ]);
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  t.is(errors.length, 1);
  t.deepEqual(errors[0]!.exports, [{ host: 'b', kind: 'file', name: 'bad' }]);
  t.regex(errors[0]!.message, /collected from host b/);
});

test('a clash with the program or between exports names every export in it, never the program', (t) => {
  const clashes = (text: string, collected: Parameters<typeof run>[1]) =>
    run(text, collected)
      .diagnostics.filter((d) => d.code === 'MCL_DUPLICATE_RESOURCE')
      .map((d) => d.exports);
  const collect = 'collect file as $r { path => "/srv/" + $r.name, }\n';
  t.deepEqual(clashes(`file "x" { path => "/srv/x", content => "mine", }\n${collect}`, [{ host: 'b', kind: 'file', name: 'x', params: { content: 'theirs' } }]), [
    [{ host: 'b', kind: 'file', name: 'x' }],
  ]);
  t.deepEqual(
    clashes(collect, [
      { host: 'c', kind: 'file', name: 'y', params: { content: 'c' } },
      { host: 'd', kind: 'file', name: 'y', params: { content: 'd' } },
    ]),
    [[{ host: 'c', kind: 'file', name: 'y' }, { host: 'd', kind: 'file', name: 'y' }]],
  );
});

test('an error of the program itself names no export', (t) => {
  const r = run('file "/srv/a" { mdoe => "0644", }\ncollect file\n', [{ host: 'b', kind: 'file', name: '/srv/z', params: {} }]);
  t.true(r.diagnostics.length > 0);
  t.true(r.diagnostics.every((d) => d.exports === undefined));
});
