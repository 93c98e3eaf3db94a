import { existsSync } from 'node:fs';
import { join } from 'node:path';
import test from 'ava';
import { autoEdges } from '../src/auto-edges.js';
import { execParams } from '../src/params.js';
import { build, decl, edgeLines, recordApplies } from './engine-harness.js';
import { tempDir } from './harness.js';

const refs = (input: Record<string, unknown>) => autoEdges(execParams.parse({ cmd: 'true', ...input }));

test('creates: after the file resource of its parent directory, as file ids write it', (t) => {
  t.deepEqual(refs({ creates: '/opt/app/.built' }), [{ kind: 'file', id: '/opt/app/' }]);
  t.deepEqual(refs({ creates: '/opt/app/out/' }), [{ kind: 'file', id: '/opt/app/' }], 'a directory the command makes');
  t.deepEqual(refs({ creates: '/opt//app/./x/../.built' }), [{ kind: 'file', id: '/opt/app/' }], 'normalised');
  t.deepEqual(refs({ creates: '.built', cwd: '/opt/app' }), [{ kind: 'file', id: '/opt/app/' }], 'relative to cwd');
  t.deepEqual(refs({ creates: '/top' }), [{ kind: 'file', id: '/' }]);
  t.deepEqual(refs({ creates: '/' }), []);
});

test('no creates: no autoedges (cwd alone orders nothing)', (t) => {
  t.deepEqual(refs({}), []);
  t.deepEqual(refs({ cwd: '/opt/app', ifcmd: 'true' }), []);
});

test('through the engine: the directory is applied before the exec that creates in it', async (t) => {
  const dir = join(await tempDir(t), 'sub');
  const made = join(dir, 'made');
  // Declared exec first and without an edge: only the autoedge orders them. Without it the
  // exec could run first and fail, as `sub` would not exist yet.
  const { engine, graph } = build(t, [
    decl('exec', 'make', { cmd: `touch '${made}'`, creates: made }),
    decl('file', `${dir}/`, { state: 'exists' }),
  ]);
  t.deepEqual(edgeLines(graph), [`file[${dir}/] -> exec[make] (auto)`]);
  const applied = recordApplies(engine);
  const summary = await engine.run(graph, { convergedTimeout: 0 });
  t.deepEqual(applied, [`file[${dir}/]`, 'exec[make]']);
  t.is(summary.failed, 0);
  t.true(existsSync(made));
});

test('Meta:autoedge => false removes the edge', async (t) => {
  const dir = join(await tempDir(t), 'sub');
  const made = join(dir, 'made');
  const { graph } = build(t, [
    decl('exec', 'make', { cmd: `touch '${made}'`, creates: made }, { autoedge: false }),
    decl('file', `${dir}/`, { state: 'exists' }),
  ]);
  t.deepEqual(edgeLines(graph), []);
});

test('a file resource of the creates path itself gets no edge (it would make the exec moot)', async (t) => {
  const dir = await tempDir(t);
  const made = join(dir, 'made');
  const { graph } = build(t, [
    decl('exec', 'make', { cmd: `touch '${made}'`, creates: made }),
    decl('file', made, { mode: '0600' }),
    decl('file', `${dir}/`, { state: 'exists' }),
  ]);
  t.deepEqual(edgeLines(graph), [`file[${dir}/] -> exec[make] (auto)`, `file[${dir}/] -> file[${made}] (auto)`]);
});

test('an explicit edge next to the autoedge is one edge, not a duplicate', async (t) => {
  const dir = await tempDir(t);
  const made = join(dir, 'made');
  const { graph } = build(
    t,
    [decl('exec', 'make', { cmd: `touch '${made}'`, creates: made }), decl('file', `${dir}/`, { state: 'exists' })],
    [{ from: { kind: 'file', name: `${dir}/` }, to: { kind: 'exec', name: 'make' }, notify: false }],
  );
  t.deepEqual(edgeLines(graph), [`file[${dir}/] -> exec[make]`]);
});
