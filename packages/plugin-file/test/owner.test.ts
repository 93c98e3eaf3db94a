import { chown, lstat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import test from 'ava';
import { resolveGid, resolveUid } from '../src/ids.js';
import { tempDir, vertex } from './helpers/context.js';

// Changing owners needs root; the agent runs as root, and so do these tests where they can.
const asRoot = process.geteuid?.() === 0 ? test : test.skip;

test('names and numeric ids resolve', async (t) => {
  t.is(await resolveUid('root'), 0);
  t.is(await resolveUid('0'), 0);
  t.is(await resolveUid(1234), 1234);
  t.is(await resolveGid('root'), 0);
  await t.throwsAsync(resolveUid('no-such-user-mgmt'), { message: 'unknown user "no-such-user-mgmt" (not in /etc/passwd nor known to getent)' });
  await t.throwsAsync(resolveGid('no-such-group-mgmt'), { message: /unknown group "no-such-group-mgmt"/ });
});

asRoot('owner and group drift is reported and fixed', async (t) => {
  const dir = await tempDir(t);
  const p = join(dir, 'owned');
  await writeFile(p, 'x');
  await chown(p, 65534, 65534);
  const v = vertex(p, { owner: 'root', group: 0 });
  t.deepEqual(await v.converge(), ['owner 65534 -> 0', 'group 65534 -> 0']);
  const s = await lstat(p);
  t.deepEqual([s.uid, s.gid], [0, 0]);
  t.deepEqual(await v.check(), { ok: true });
  v.stop();
});

asRoot('a rewrite keeps the owner the params do not set', async (t) => {
  const dir = await tempDir(t);
  const p = join(dir, 'kept');
  await writeFile(p, 'old');
  await chown(p, 65534, 65534);
  const v = vertex(p, { content: 'new' });
  await v.converge();
  const s = await lstat(p);
  t.deepEqual([s.uid, s.gid], [65534, 65534]);
  v.stop();
});

asRoot('a new file and directory get the owner at creation', async (t) => {
  const dir = await tempDir(t);
  const v = vertex(join(dir, 'f'), { content: 'x', owner: 65534, group: 'root', mode: '4755' });
  await v.converge();
  const s = await lstat(join(dir, 'f'));
  t.deepEqual([s.uid, s.gid, s.mode & 0o7777], [65534, 0, 0o4755]); // setuid survives the chown
  const d = vertex(`${join(dir, 'd')}/`, { owner: 'nobody' });
  await d.converge();
  t.is((await lstat(join(dir, 'd'))).uid, 65534);
  v.stop();
  d.stop();
});
