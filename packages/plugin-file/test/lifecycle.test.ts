import { chmod, lstat, mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import test from 'ava';
import { atomicWrite } from '../src/atomic-write.js';
import { file } from '../src/index.js';
import { tempDir, vertex } from './helpers/context.js';

const modeOf = async (p: string) => (await lstat(p)).mode & 0o7777;

test('creates a file, then is converged (idempotent)', async (t) => {
  const dir = await tempDir(t);
  const p = join(dir, 'a');
  const v = vertex(p, { content: 'hello\n', mode: '0640' });
  t.deepEqual(await v.converge(), [`create ${p}`]);
  t.is(await readFile(p, 'utf8'), 'hello\n');
  t.is(await modeOf(p), 0o640);
  t.deepEqual(await v.check(), { ok: true });
  t.deepEqual(await v.converge(), []);
  v.stop();
});

test('no content, no source: made empty if new, left alone if there', async (t) => {
  const dir = await tempDir(t);
  const p = join(dir, 'empty');
  const v = vertex(p);
  t.deepEqual(await v.converge(), [`create ${p}`]);
  t.is(await readFile(p, 'utf8'), '');
  await writeFile(p, 'someone wrote this');
  t.deepEqual(await v.check(), { ok: true });
  v.stop();
});

test('edited content drifts with a change string, apply restores it', async (t) => {
  const dir = await tempDir(t);
  const p = join(dir, 'a');
  const v = vertex(p, { content: 'i am f1\n' });
  await v.converge();
  await writeFile(p, 'tampered with\n');
  const r = await v.check();
  t.false(r.ok);
  t.deepEqual(r.ok ? [] : r.changes, [`content of ${p} (14 bytes -> 8 bytes)`]);
  await v.converge();
  t.is(await readFile(p, 'utf8'), 'i am f1\n');
  // Same size, different bytes: compared byte by byte.
  await writeFile(p, 'i am f2\n');
  t.deepEqual(await v.converge(), [`content of ${p} (8 bytes -> 8 bytes)`]);
  t.is(await readFile(p, 'utf8'), 'i am f1\n');
  v.stop();
});

test('rewriting content keeps a mode the params do not set', async (t) => {
  const dir = await tempDir(t);
  const p = join(dir, 'a');
  await writeFile(p, 'old');
  await chmod(p, 0o600);
  const v = vertex(p, { content: 'new' });
  await v.converge();
  t.is(await modeOf(p), 0o600);
  v.stop();
});

test('mode change is reported and fixed', async (t) => {
  const dir = await tempDir(t);
  const p = join(dir, 'a');
  const v = vertex(p, { content: 'x', mode: '0644' });
  await v.converge();
  await chmod(p, 0o600);
  t.deepEqual(await v.converge(), ['mode 0600 -> 0644']);
  t.is(await modeOf(p), 0o644);
  t.deepEqual(await v.check(), { ok: true });
  v.stop();
});

test('source copies a file', async (t) => {
  const dir = await tempDir(t);
  const src = join(dir, 'src');
  await writeFile(src, Buffer.from([0, 1, 2, 255]));
  const v = vertex(join(dir, 'copy'), { source: src });
  await v.converge();
  t.deepEqual(await readFile(join(dir, 'copy')), Buffer.from([0, 1, 2, 255]));
  t.deepEqual(await v.check(), { ok: true });
  const missing = vertex(join(dir, 'copy2'), { source: join(dir, 'nope') });
  await t.throwsAsync(missing.check(), { message: /source .*nope does not exist/ });
  v.stop();
});

test('a path ending in / is a directory, created with its mode', async (t) => {
  const dir = await tempDir(t);
  const d = join(dir, 'sub');
  const v = vertex(`${d}/`, { mode: '0750' });
  t.deepEqual(await v.converge(), [`create ${d}/`]);
  t.true((await lstat(d)).isDirectory());
  t.is(await modeOf(d), 0o750);
  t.deepEqual(await v.check(), { ok: true });
  await chmod(d, 0o700);
  t.deepEqual(await v.converge(), ['mode 0700 -> 0750']);
  v.stop();
});

test('a symlink at the path is replaced; its outside target is untouched', async (t) => {
  const dir = await tempDir(t);
  const outside = await tempDir(t);
  const target = join(outside, 'precious');
  await writeFile(target, 'do not touch');
  await chmod(target, 0o600);
  const outsideMode = await modeOf(outside);
  const p = join(dir, 'link');
  await symlink(target, p);
  const v = vertex(p, { content: 'mine', mode: '0644' });
  t.deepEqual(await v.converge(), [`replace symlink ${p} with a regular file`]);
  t.true((await lstat(p)).isFile());
  t.is(await readFile(p, 'utf8'), 'mine');
  t.is(await readFile(target, 'utf8'), 'do not touch');
  t.is(await modeOf(target), 0o600);
  // A directory resource replaces a symlink to a directory the same way.
  const d = join(dir, 'dlink');
  await symlink(outside, d);
  await vertex(`${d}/`, { mode: '0700' }).converge();
  t.true((await lstat(d)).isDirectory());
  t.is(await modeOf(d), 0o700);
  t.is(await modeOf(outside), outsideMode);
  t.deepEqual(await readdir(outside), ['precious']);
  t.is(await readFile(target, 'utf8'), 'do not touch');
  v.stop();
});

test('a failed apply (parent missing) says so and leaves no temp file behind', async (t) => {
  const dir = await tempDir(t);
  const p = join(dir, 'missing', 'a');
  const v = vertex(p, { content: 'x' });
  const r = await v.check();
  t.false(r.ok);
  if (r.ok) return;
  await t.throwsAsync(file.apply(v.ctx, r.diff), { message: /parent directory .*missing\/ does not exist/ });
  t.deepEqual(await readdir(dir), []);
  await t.throwsAsync(vertex(`${join(dir, 'x', 'y')}/`).converge(), { message: /parent directory .*x\/ does not exist/ });
  t.deepEqual(await readdir(dir), []);
  v.stop();
});

test('a write that fails late (rename onto a directory) removes its temp file', async (t) => {
  const dir = await tempDir(t);
  await mkdir(join(dir, 'a', 'inside'), { recursive: true });
  await t.throwsAsync(atomicWrite(join(dir, 'a'), Buffer.from('x'), { mode: 0o644, uid: undefined, gid: undefined }));
  t.deepEqual(await readdir(dir), ['a']);
  t.deepEqual(await readdir(join(dir, 'a')), ['inside']);
});

test('check never writes: listing, sizes and times are the same before and after', async (t) => {
  const dir = await tempDir(t);
  await writeFile(join(dir, 'a'), 'old');
  await mkdir(join(dir, 'd'));
  await writeFile(join(dir, 'd', 'junk'), 'j');
  await symlink('/etc/hostname', join(dir, 'l'));
  const snapshot = async () => {
    const out: string[] = [];
    for (const name of (await readdir(dir, { recursive: true })).sort()) {
      const s = await lstat(join(dir, name));
      out.push(`${name} ${s.size} ${s.mode} ${s.mtimeMs} ${s.ctimeMs}`);
    }
    return out;
  };
  const before = await snapshot();
  const checks = [
    vertex(join(dir, 'a'), { content: 'new', mode: '0600' }),
    vertex(join(dir, 'new')),
    vertex(join(dir, 'l'), { content: 'x' }),
    vertex(`${join(dir, 'd')}/`, { purge: true, mode: '0700' }),
    vertex(`${join(dir, 'e')}/`),
    vertex(join(dir, 'a'), { state: 'absent' }),
  ];
  for (const v of checks) t.false((await v.check()).ok);
  t.deepEqual(await snapshot(), before);
  for (const v of checks) v.stop();
});
