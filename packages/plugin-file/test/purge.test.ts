import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import test from 'ava';
import { file, fileParams } from '../src/index.js';
import { tempDir, vertex } from './helpers/context.js';

const ls = async (dir: string) => (await readdir(dir, { recursive: true })).sort();

test('purge removes unmanaged entries and keeps managed ones', async (t) => {
  const dir = await tempDir(t);
  const a = vertex(join(dir, 'a'), { content: 'a' });
  const b = vertex(`${join(dir, 'b')}/`);
  await a.converge();
  await b.converge();
  await writeFile(join(dir, 'stray'), 'x');
  await mkdir(join(dir, 'stray-dir', 'deep'), { recursive: true });
  await writeFile(join(dir, 'b', 'inside-b'), 'kept: no recurse');
  const d = vertex(`${dir}/`, { purge: true });
  const r = await d.check();
  t.deepEqual(r.ok ? [] : r.changes, [`remove unmanaged ${join(dir, 'stray')}`, `remove unmanaged ${join(dir, 'stray-dir')}`]);
  await d.converge();
  t.deepEqual(await ls(dir), ['a', 'b', 'b/inside-b']);
  t.deepEqual(await d.check(), { ok: true });
  for (const v of [a, b, d]) v.stop();
});

test('recurse descends into kept subdirectories', async (t) => {
  const dir = await tempDir(t);
  const deep = vertex(join(dir, 'x', 'y', 'keep'), { content: 'k' });
  await mkdir(join(dir, 'x', 'y'), { recursive: true });
  await deep.converge();
  await writeFile(join(dir, 'x', 'junk'), 'j');
  await writeFile(join(dir, 'x', 'y', 'junk'), 'j');
  const d = vertex(`${dir}/`, { purge: true, recurse: true });
  const r = await d.check();
  t.deepEqual(r.ok ? [] : r.changes, [`remove unmanaged ${join(dir, 'x', 'junk')}`, `remove unmanaged ${join(dir, 'x', 'y', 'junk')}`]);
  await d.converge();
  t.deepEqual(await ls(dir), ['x', 'x/y', 'x/y/keep']);
  deep.stop();
  d.stop();
});

test('a stopped resource no longer shields its file', async (t) => {
  const dir = await tempDir(t);
  const a = vertex(join(dir, 'a'), { content: 'a' });
  await a.converge();
  const d = vertex(`${dir}/`, { purge: true });
  t.deepEqual(await d.check(), { ok: true });
  a.stop();
  t.deepEqual(await d.converge(), [`remove unmanaged ${join(dir, 'a')}`]);
  t.deepEqual(await readdir(dir), []);
  d.stop();
});

test('an absent resource does not shield its path', async (t) => {
  const dir = await tempDir(t);
  await writeFile(join(dir, 'old'), 'x');
  const gone = vertex(join(dir, 'old'), { state: 'absent' });
  await gone.check();
  const d = vertex(`${dir}/`, { purge: true });
  t.deepEqual(await d.converge(), [`remove unmanaged ${join(dir, 'old')}`]);
  t.deepEqual(await gone.check(), { ok: true });
  gone.stop();
  d.stop();
});

test('purge and recurse are for directories only', async (t) => {
  const dir = await tempDir(t);
  await t.throwsAsync(vertex(join(dir, 'f'), { purge: true }).check(), { message: /directories only/ });
  await t.throwsAsync(vertex(`${dir}/`, { content: 'x' }).check(), { message: /content and source are for files only/ });
});

test('a resource in the built graph shields its file before its first check', async (t) => {
  const dir = await tempDir(t);
  await writeFile(join(dir, 'child'), 'from the last run');
  await writeFile(join(dir, 'stray'), 'x');
  // The engine computes every identity when it builds the graph, before the directory runs.
  t.is(file.id?.(fileParams.parse({ content: 'c' }), join(dir, 'child')), join(dir, 'child'));
  t.is(file.id?.(fileParams.parse({ state: 'absent' }), join(dir, 'stray')), join(dir, 'stray'));
  const d = vertex(`${dir}/`, { purge: true });
  t.deepEqual(await d.converge(), [`remove unmanaged ${join(dir, 'stray')}`]);
  t.deepEqual(await readdir(dir), ['child']);
  d.stop();
});
