import { lstat, mkdir, readdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import test from 'ava';
import { tempDir, vertex } from './helpers/context.js';

test('state absent removes a file, and is then converged', async (t) => {
  const dir = await tempDir(t);
  const p = join(dir, 'gone');
  await writeFile(p, 'x');
  const v = vertex(p, { state: 'absent' });
  t.deepEqual(await v.converge(), [`remove ${p}`]);
  await t.throwsAsync(lstat(p), { code: 'ENOENT' });
  t.deepEqual(await v.check(), { ok: true });
  v.stop();
});

test('state absent on a directory removes the tree; on a file path it refuses a directory', async (t) => {
  const dir = await tempDir(t);
  const d = join(dir, 'tree');
  await mkdir(join(d, 'deep'), { recursive: true });
  await writeFile(join(d, 'deep', 'x'), 'x');
  await t.throwsAsync(vertex(d, { state: 'absent' }).check(), { message: /is a directory/ });
  const v = vertex(`${d}/`, { state: 'absent' });
  t.deepEqual(await v.converge(), [`remove ${d}/`]);
  await t.throwsAsync(lstat(d), { code: 'ENOENT' });
  v.stop();
});

test('state absent on a symlink removes the link, never its target', async (t) => {
  const dir = await tempDir(t);
  const outside = await tempDir(t);
  await writeFile(join(outside, 'keep'), 'k');
  await symlink(outside, join(dir, 'l'));
  await symlink(join(outside, 'keep'), join(dir, 'f'));
  await vertex(`${join(dir, 'l')}/`, { state: 'absent' }).converge();
  await vertex(join(dir, 'f'), { state: 'absent' }).converge();
  t.deepEqual(await readdir(dir), []);
  t.deepEqual(await readdir(outside), ['keep']);
});

test('state absent with nothing there is converged', async (t) => {
  const dir = await tempDir(t);
  t.deepEqual(await vertex(join(dir, 'never'), { state: 'absent' }).check(), { ok: true });
  t.deepEqual(await vertex(`${join(dir, 'never', 'deep')}/`, { state: 'absent' }).check(), { ok: true });
});
