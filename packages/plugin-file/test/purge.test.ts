import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import test from 'ava';
import { tempName } from '../src/atomic-write.js';
import { trackInflight } from '../src/inflight.js';
import { file, fileParams } from '../src/index.js';
import { fileGraph, tempDir, vertex } from './helpers/context.js';

const ls = async (dir: string) => (await readdir(dir, { recursive: true })).sort();

test('purge removes unmanaged entries and keeps managed ones', async (t) => {
  const dir = await tempDir(t);
  const g = fileGraph();
  const a = g.vertex(join(dir, 'a'), { content: 'a' });
  const b = g.vertex(`${join(dir, 'b')}/`);
  await a.converge();
  await b.converge();
  await writeFile(join(dir, 'stray'), 'x');
  await mkdir(join(dir, 'stray-dir', 'deep'), { recursive: true });
  await writeFile(join(dir, 'b', 'inside-b'), 'kept: no recurse');
  const d = g.vertex(`${dir}/`, { purge: true });
  const r = await d.check();
  t.deepEqual(r.ok ? [] : r.changes, [`remove unmanaged ${join(dir, 'stray')}`, `remove unmanaged ${join(dir, 'stray-dir')}`]);
  await d.converge();
  t.deepEqual(await ls(dir), ['a', 'b', 'b/inside-b']);
  t.deepEqual(await d.check(), { ok: true });
  for (const v of [a, b, d]) v.stop();
});

test('recurse descends into kept subdirectories', async (t) => {
  const dir = await tempDir(t);
  const g = fileGraph();
  const deep = g.vertex(join(dir, 'x', 'y', 'keep'), { content: 'k' });
  await mkdir(join(dir, 'x', 'y'), { recursive: true });
  await deep.converge();
  await writeFile(join(dir, 'x', 'junk'), 'j');
  await writeFile(join(dir, 'x', 'y', 'junk'), 'j');
  const d = g.vertex(`${dir}/`, { purge: true, recurse: true });
  const r = await d.check();
  t.deepEqual(r.ok ? [] : r.changes, [`remove unmanaged ${join(dir, 'x', 'junk')}`, `remove unmanaged ${join(dir, 'x', 'y', 'junk')}`]);
  await d.converge();
  t.deepEqual(await ls(dir), ['x', 'x/y', 'x/y/keep']);
  deep.stop();
  d.stop();
});

test('a resource removed from the graph no longer shields its file', async (t) => {
  const dir = await tempDir(t);
  const g = fileGraph();
  const a = g.vertex(join(dir, 'a'), { content: 'a' });
  await a.converge();
  const d = g.vertex(`${dir}/`, { purge: true });
  t.deepEqual(await d.check(), { ok: true });
  // A graph swap drops it: the live view answers for the new graph at once.
  a.stop();
  g.remove(join(dir, 'a'));
  t.deepEqual(await d.converge(), [`remove unmanaged ${join(dir, 'a')}`]);
  t.deepEqual(await readdir(dir), []);
  d.stop();
});

test('an absent resource does not shield its path', async (t) => {
  const dir = await tempDir(t);
  await writeFile(join(dir, 'old'), 'x');
  await mkdir(join(dir, 'sub'));
  await writeFile(join(dir, 'sub', 'old'), 'x');
  const g = fileGraph();
  const gone = g.vertex(join(dir, 'old'), { state: 'absent' });
  await gone.check();
  // Nor, with recurse, the directories on the way to it.
  g.add(join(dir, 'sub', 'old'), { state: 'absent' });
  const d = g.vertex(`${dir}/`, { purge: true, recurse: true });
  t.deepEqual(await d.converge(), [`remove unmanaged ${join(dir, 'old')}`, `remove unmanaged ${join(dir, 'sub')}`]);
  t.deepEqual(await gone.check(), { ok: true });
  gone.stop();
  d.stop();
});

test('purge and recurse are for directories only', async (t) => {
  const dir = await tempDir(t);
  await t.throwsAsync(vertex(join(dir, 'f'), { purge: true }).check(), { message: /directories only/ });
  await t.throwsAsync(vertex(`${dir}/`, { content: 'x' }).check(), { message: /content and source are for files only/ });
});

test('a file in the graph but not yet created or checked is not purged by its directory\'s first apply', async (t) => {
  const dir = await tempDir(t);
  await writeFile(join(dir, 'child'), 'from the last run');
  await writeFile(join(dir, 'stray'), 'x');
  // The directory runs first (its children depend on it); the child has not run at all,
  // and one of them has no file yet.
  const g = fileGraph([
    [join(dir, 'child'), { content: 'c' }],
    [join(dir, 'later'), { content: 'l' }],
    [join(dir, 'stray'), { state: 'absent' }],
  ]);
  const d = g.vertex(`${dir}/`, { purge: true });
  t.deepEqual(await d.converge(), [`remove unmanaged ${join(dir, 'stray')}`]);
  t.deepEqual(await readdir(dir), ['child']);
  // Created afterwards by its own vertex, it is still not purged.
  await g.vertex(join(dir, 'later'), { content: 'l' }).converge();
  t.deepEqual(await d.check(), { ok: true });
  d.stop();
});

test('id() has no side effects: calling it does not shield a path', async (t) => {
  const dir = await tempDir(t);
  await writeFile(join(dir, 'child'), 'x');
  // What the language checker does: compute identities without any graph running.
  t.is(file.id?.(fileParams.parse({ content: 'c' }), join(dir, 'child')), join(dir, 'child'));
  t.is(file.id?.(fileParams.parse({ path: `${join(dir, 'sub')}/` }), 'named'), `${join(dir, 'sub')}/`);
  const d = vertex(`${dir}/`, { purge: true });
  t.deepEqual(await d.converge(), [`remove unmanaged ${join(dir, 'child')}`]);
  t.deepEqual(await readdir(dir), []);
  d.stop();
});

test('paths in the graph are matched as check normalises them, and by path, not name', async (t) => {
  const dir = await tempDir(t);
  await mkdir(join(dir, 'sub', 'deep'), { recursive: true });
  await writeFile(join(dir, 'sub', 'deep', 'junk'), 'j');
  await writeFile(join(dir, 'named'), 'n');
  await writeFile(join(dir, 'stray'), 'x');
  const g = fileGraph([
    `${dir}//sub/./deep/`, // a directory resource, written oddly: kept, and recurse descends into it
    ['label', { path: join(dir, 'named') }],
    [join(dir, 'stray'), { path: join(dir, 'elsewhere') }], // its name is only a label
  ]);
  const d = g.vertex(`${dir}/`, { purge: true, recurse: true });
  t.deepEqual(await d.converge(), [`remove unmanaged ${join(dir, 'stray')}`, `remove unmanaged ${join(dir, 'sub', 'deep', 'junk')}`]);
  t.deepEqual(await ls(dir), ['named', 'sub', 'sub/deep']);
  d.stop();
});

test('the temp file of a write in progress is never purged', async (t) => {
  const dir = await tempDir(t);
  const tmp = tempName(join(dir, 'a'));
  await writeFile(tmp, 'half written');
  const done = trackInflight(tmp);
  const d = vertex(`${dir}/`, { purge: true });
  t.deepEqual(await d.check(), { ok: true });
  done();
  t.deepEqual(await d.converge(), [`remove unmanaged ${tmp}`]);
  d.stop();
});
