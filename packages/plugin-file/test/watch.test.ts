import { chmod, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { file } from '../src/index.js';
import { activeWatchers } from '../src/watch.js';
import { fileGraph, tempDir, until, vertex, type Vertex } from './helpers/context.js';

/** Starts the vertex's watch after its first converge, as the engine does; stopped at teardown. */
async function watched(t: ExecutionContext, v: Vertex, converge = true) {
  if (converge) await v.converge();
  const stop = await file.watch!(v.ctx);
  t.teardown(() => {
    void stop();
    v.stop();
  });
  return stop;
}

const fired = (v: Vertex) => {
  const n = v.events.length;
  return () => v.events.length > n;
};

test('deleting, editing and chmod-ing the file fire an event', async (t) => {
  const dir = await tempDir(t);
  const p = join(dir, 'a');
  const v = vertex(p, { content: 'x' });
  const stop = await watched(t, v);
  let seen = fired(v);
  await rm(p);
  t.true(await until(seen), 'delete');
  await v.converge();
  seen = fired(v);
  await writeFile(p, 'edited');
  t.true(await until(seen), 'edit');
  seen = fired(v);
  await chmod(p, 0o600);
  t.true(await until(seen), 'chmod');
  t.deepEqual(v.errors, []);
  await stop();
  v.stop();
});

test('events for other names in the directory are filtered out', async (t) => {
  const dir = await tempDir(t);
  const v = vertex(join(dir, 'a'), { content: 'x' });
  const stop = await watched(t, v);
  const other = vertex(join(dir, 'b'));
  const stopOther = await watched(t, other);
  const before = v.events.length;
  const seen = fired(other);
  await writeFile(join(dir, 'b'), 'noise');
  t.true(await until(seen));
  await new Promise((r) => setTimeout(r, 100));
  t.is(v.events.length, before);
  await stop();
  await stopOther();
  v.stop();
  other.stop();
});

test('adding an entry to a purging directory fires an event', async (t) => {
  const dir = await tempDir(t);
  const d = vertex(`${dir}/`, { purge: true });
  const stop = await watched(t, d);
  const seen = fired(d);
  await writeFile(join(dir, 'stray'), 'x');
  t.true(await until(seen));
  t.false((await d.check()).ok);
  await stop();
  d.stop();
});

test('two resources in one directory share one fs watcher; the last stop releases it', async (t) => {
  const dir = await tempDir(t);
  const a = vertex(join(dir, 'a'), { content: 'a' });
  const b = vertex(join(dir, 'b'), { content: 'b' });
  const stopA = await watched(t, a);
  t.is(activeWatchers(dir), 1);
  const stopB = await watched(t, b);
  t.is(activeWatchers(dir), 1);
  await stopA();
  t.is(activeWatchers(dir), 1);
  const seen = fired(b);
  await rm(join(dir, 'b'));
  t.true(await until(seen), 'the remaining subscriber still hears');
  await stopB();
  t.is(activeWatchers(dir), 0);
  await stopB(); // idempotent
  a.stop();
  b.stop();
});

test('aborting the signal also stops the watch', async (t) => {
  const dir = await tempDir(t);
  const v = vertex(join(dir, 'a'));
  await watched(t, v);
  t.is(activeWatchers(dir), 1);
  v.stop();
  t.is(activeWatchers(dir), 0);
});

test('a missing parent is watched from the nearest ancestor, and followed down', async (t) => {
  const dir = await tempDir(t);
  const p = join(dir, 'x', 'y', 'a');
  const v = vertex(p, { content: 'x' });
  const stop = await watched(t, v, false);
  t.is(activeWatchers(dir), 1);
  let seen = fired(v);
  await mkdir(join(dir, 'x', 'y'), { recursive: true });
  t.true(await until(seen));
  t.true(await until(() => activeWatchers(join(dir, 'x', 'y')) === 1), 'moved down to the parent');
  t.is(activeWatchers(dir), 0);
  seen = fired(v);
  await writeFile(p, 'now');
  t.true(await until(seen));
  // The parent is moved away: the watch goes back up and still sees it come back.
  await rename(join(dir, 'x', 'y'), join(dir, 'moved'));
  t.true(await until(() => activeWatchers(join(dir, 'x', 'y')) === 0));
  t.is(activeWatchers(join(dir, 'x')), 1);
  seen = fired(v);
  await mkdir(join(dir, 'x', 'y'), { recursive: true });
  await writeFile(p, 'again');
  t.true(await until(seen));
  t.true(await until(() => activeWatchers(join(dir, 'x', 'y')) === 1));
  t.deepEqual(v.errors, []);
  await stop();
  v.stop();
  t.is(activeWatchers(join(dir, 'x', 'y')), 0);
});

test('with recurse, a purging directory watches kept subdirectories', async (t) => {
  const dir = await tempDir(t);
  await mkdir(join(dir, 'sub'));
  const g = fileGraph();
  const keep = g.vertex(join(dir, 'sub', 'keep'), { content: 'k' });
  await keep.converge();
  const d = g.vertex(`${dir}/`, { purge: true, recurse: true });
  const stop = await watched(t, d);
  t.is(activeWatchers(join(dir, 'sub')), 1);
  const seen = fired(d);
  await writeFile(join(dir, 'sub', 'stray'), 'x');
  t.true(await until(seen));
  await stop();
  t.is(activeWatchers(join(dir, 'sub')), 0);
  keep.stop();
  d.stop();
});

test('with recurse, the watched subdirectories follow the graph when the directory is checked again', async (t) => {
  const dir = await tempDir(t);
  await mkdir(join(dir, 'other'));
  const g = fileGraph();
  const d = g.vertex(`${dir}/`, { purge: true, recurse: true });
  const stop = await watched(t, d, false);
  t.is(activeWatchers(join(dir, 'other')), 0);
  // A graph swap adds a resource below other/; the engine then re-checks the directory.
  g.add(join(dir, 'other', 'keep'), { content: 'k' });
  await d.check();
  t.is(activeWatchers(join(dir, 'other')), 1);
  const seen = fired(d);
  await writeFile(join(dir, 'other', 'stray'), 'x');
  t.true(await until(seen));
  g.remove(join(dir, 'other', 'keep'));
  await d.check();
  t.is(activeWatchers(join(dir, 'other')), 0);
  await stop();
  g.add(join(dir, 'other', 'keep'), { content: 'k' });
  await d.check(); // a stopped watch no longer follows
  t.is(activeWatchers(join(dir, 'other')), 0);
  t.deepEqual(d.errors, []);
  d.stop();
});
