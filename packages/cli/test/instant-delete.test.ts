import test from 'ava';
import { existsSync, unlinkSync, watch } from 'node:fs';
import { join } from 'node:path';
import { program, startMgmt, until } from './helpers.js';

// The moment the agent's rename lands, another process deletes the file: that delete falls
// between the write and the agent's record of what it wrote, and must still be repaired.
// (Before the record checked that it was its own file, the agent lost it after a few rounds.)
test('a file deleted the instant it appears is put back every time', async (t) => {
  const { dir } = await program('');
  const { file } = await program(`file "${dir}/f" { content => "x\\n", }\n`);
  const target = join(dir, 'f');
  const agent = startMgmt(['run', '--flap=off', file]);
  t.teardown(() => agent.kill('SIGKILL'));
  const rounds = 50;
  let deleted = 0;
  const watcher = watch(dir, (_ev, name) => {
    if (name !== 'f' || deleted >= rounds || !existsSync(target)) return;
    try {
      unlinkSync(target);
      deleted++;
    } catch {
      // gone already: the next event brings it back
    }
  });
  t.teardown(() => watcher.close());
  await until(() => deleted >= rounds, 30_000);
  await until(() => existsSync(target), 10_000);
  t.is(deleted, rounds);
  agent.kill('SIGTERM');
});
