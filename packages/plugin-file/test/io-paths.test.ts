import { existsSync } from 'node:fs';
import { lstat, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import test from 'ava';
import { atomicWrite } from '../src/atomic-write.js';
import { SYNC_IO_MAX_BYTES } from '../src/fs-util.js';
import { file } from '../src/index.js';
import { tempDir, vertex } from './helpers/context.js';

// Which path a write takes is visible from outside: a synchronous write is done when the
// call returns, while an fs/promises one cannot finish before the event loop turns.
const attrs = { mode: 0o640, uid: undefined, gid: undefined };

test('data up to the threshold is written before the call returns; larger data is not', async (t) => {
  const dir = await tempDir(t);
  const small = join(dir, 'small');
  const pendingSmall = atomicWrite(small, Buffer.alloc(SYNC_IO_MAX_BYTES, 's'), attrs);
  t.true(existsSync(small), 'synchronous at the threshold');
  await pendingSmall;
  const big = join(dir, 'big');
  const pendingBig = atomicWrite(big, Buffer.alloc(SYNC_IO_MAX_BYTES + 1, 'b'), attrs);
  t.false(existsSync(big), 'asynchronous above it');
  await pendingBig;
  t.is((await lstat(big)).size, SYNC_IO_MAX_BYTES + 1);
  t.is((await lstat(big)).mode & 0o7777, 0o640);
  t.deepEqual((await readdir(dir)).sort(), ['big', 'small']);
});

test('a file above the threshold round-trips: check, apply, check converged, and drift is found', async (t) => {
  const dir = await tempDir(t);
  const p = join(dir, 'big');
  const content = 'abcdefgh'.repeat(SYNC_IO_MAX_BYTES / 8 + 1); // just over the threshold
  const v = vertex(p, { content, mode: '0640' });
  const r = await v.check();
  if (r.ok) return t.fail('a missing file must drift');
  t.deepEqual(r.changes, [`create ${p}`]);
  const applying = file.apply(v.ctx, r.diff);
  t.false(existsSync(p), 'written through fs/promises');
  await applying;
  t.is(await readFile(p, 'utf8'), content);
  t.is((await lstat(p)).mode & 0o7777, 0o640);
  t.deepEqual(await v.check(), { ok: true });
  // Same size, one byte different: the async comparison reads and finds it.
  await writeFile(p, `${content.slice(0, 1000)}X${content.slice(1001)}`);
  t.deepEqual(await v.converge(), [`content of ${p} (${content.length} bytes -> ${content.length} bytes)`]);
  t.is(await readFile(p, 'utf8'), content);
  t.deepEqual(await v.check(), { ok: true });
  t.deepEqual(await readdir(dir), ['big']);
  v.stop();
});

test('a file at the threshold that changed at one end is found by the synchronous comparison', async (t) => {
  const dir = await tempDir(t);
  const p = join(dir, 'edge');
  const content = 'z'.repeat(SYNC_IO_MAX_BYTES);
  const v = vertex(p, { content });
  await v.converge();
  t.deepEqual(await v.check(), { ok: true });
  await writeFile(p, `${content.slice(0, -1)}!`);
  t.deepEqual(await v.converge(), [`content of ${p} (${content.length} bytes -> ${content.length} bytes)`]);
  t.deepEqual(await v.check(), { ok: true });
  v.stop();
});

test('a large write that fails late (rename onto a directory) removes its temp file', async (t) => {
  const dir = await tempDir(t);
  await mkdir(join(dir, 'a', 'inside'), { recursive: true });
  await t.throwsAsync(atomicWrite(join(dir, 'a'), Buffer.alloc(SYNC_IO_MAX_BYTES + 1), attrs));
  t.deepEqual(await readdir(dir), ['a']);
  t.deepEqual(await readdir(join(dir, 'a')), ['inside']);
});
