import test from 'ava';
import { compile, type CollectedResource } from '@mgmt/lang';
import { createRegistry, silentLogger, type Logger } from '@mgmt/resource';
import { testPlugin } from '@mgmt/resource/testing';
import { skipBadExports } from '../src/reactive/bad-exports.js';

const registry = createRegistry([testPlugin]);

function setup(text: string) {
  const warnings: { message: string; fields: Record<string, unknown> }[] = [];
  const log: Logger = { ...silentLogger, warn: (message, fields) => void warnings.push({ message, fields: fields ?? {} }), child: () => log };
  const compiles: string[][] = [];
  const run = skipBadExports(
    async (collected) => {
      compiles.push(collected.map((c) => `${c.host}:${c.name}`));
      return compile([{ path: 'main.mcl', text }], { registry, hostname: 'a', collected });
    },
    { registry, log },
  );
  return { run, warnings, compiles };
}

const from = (host: string, name: string, params: Record<string, unknown> = {}, kind = 'test'): CollectedResource => ({ host, kind, name, params });
const names = (r: Awaited<ReturnType<ReturnType<typeof setup>['run']>>) => r.graph!.resources.map((d) => `${d.kind}[${d.name}]`).sort();

test('an export whose params the schema refuses is left out, named with its exporter; the others apply', async (t) => {
  const { run, warnings } = setup('test "own" {}\ncollect test as $r { str => "set here", }\n');
  const collected = [from('b', 'good', { int: 1 }), from('evil', 'bad', { int: 'one' }), from('evil', 'worse', { colour: 'red' })];
  const result = await run(collected);
  t.deepEqual(result.diagnostics.filter((d) => d.severity === 'error'), []);
  t.deepEqual(names(result), ['test[good]', 'test[own]']);
  t.is(warnings.length, 2);
  t.regex(warnings[0]!.message, /^ignoring test\[bad\] exported by host evil: .*int.*; the other exports still apply$/);
  t.deepEqual(warnings[0]!.fields, { event: 'export-ignored', host: 'evil', kind: 'test', name: 'bad' });
  t.regex(warnings[1]!.message, /^ignoring test\[worse\] exported by host evil: .*colour/);

  // The same bad exports again: nothing new to say. Withdrawn and sent again: said again.
  await run(collected);
  t.is(warnings.length, 2);
  await run(collected.slice(0, 1));
  await run(collected);
  t.is(warnings.length, 4);
});

test('each export is blamed for its own errors only, even from hosts whose names share a start', async (t) => {
  const { run, warnings } = setup('collect test as $r { str => $r.host, }\n');
  const result = await run([from('a', 'x', { int: 1 }), from('ab', 'x', { int: 'two' }), from('b', 'y')]);
  t.deepEqual(names(result), ['test[y]'], 'two exports named alike: neither wins');
  const reason = (host: string) => warnings.find((w) => w.fields['host'] === host)!.message;
  t.regex(reason('ab'), /`int`/);
  t.notRegex(reason('a'), /`int`/, "ab's bad param is not a's");
  t.regex(reason('a'), /declared twice/);
});

test('params fixed by the collect’s overrides are fine; a kind not installed here is left out', async (t) => {
  const { run, warnings, compiles } = setup('collect test as $r { mode => "0644", }\n');
  const result = await run([from('b', 'overridden', { mode: 'rw-r--r--' }), from('b', 'alien', {}, 'nosuch')]);
  t.deepEqual(names(result), ['test[overridden]']);
  t.deepEqual(compiles, [['b:overridden']], 'one compile: nothing in it was bad');
  t.is(warnings.length, 1);
  t.regex(warnings[0]!.message, /^ignoring nosuch\[alien\] exported by host b: kind `nosuch` is not installed here/);
});

test('an export that clashes with a resource of the program, or with another export, is left out', async (t) => {
  const { run, warnings } = setup('test "own" {}\ncollect test as $r { str => "x", }\n');
  const result = await run([from('b', 'good'), from('b', 'z', { int: 1 }), from('c', 'z', { int: 2 }), from('evil', 'own')]);
  t.deepEqual(names(result), ['test[good]', 'test[own]']);
  t.deepEqual(warnings.map((w) => `${w.fields['host']}:${w.fields['name']}`).sort(), ['b:z', 'c:z', 'evil:own']);
  t.regex(warnings.find((w) => w.fields['host'] === 'evil')!.message, /^ignoring test\[own\] exported by host evil: resource `test\[own\]` is declared twice/);
});

test('an error of the program itself stays an error', async (t) => {
  const { run, warnings } = setup('collect test as $r { int => "x", }\n');
  const result = await run([from('b', 'one')]);
  t.true(result.diagnostics.some((d) => d.severity === 'error'));
  t.is(result.graph, undefined);
  t.is(warnings.length, 0);
});
