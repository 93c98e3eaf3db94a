import { join } from 'node:path';
import test from 'ava';
import { applyExec } from '../src/apply.js';
import { checkExec } from '../src/check.js';
import { watchExec } from '../src/watch.js';
import { groupMembers, harness, isAlive, readPid, tempDir, waitFor } from './harness.js';

test('without watchcmd the watch is a no-op, live at once', async (t) => {
  const h = harness({ cmd: 'true' });
  const stop = await watchExec(h.watchCtx);
  await stop();
  t.deepEqual(h.events, []);
  t.deepEqual(h.errors, []);
});

test('each watchcmd line is an event that makes check drifted; stop kills the group', async (t) => {
  const dir = await tempDir(t);
  const pidFile = join(dir, 'watch.pid');
  const sleeperFile = join(dir, 'sleeper.pid');
  // The long sleep runs in the background, so it is not the shell's pid: a kill that only
  // reached the shell would leave it behind.
  const h = harness({
    cmd: 'true',
    watchcmd: `echo $$ > "${pidFile}"; for i in 1 2 3; do echo tick; sleep 0.2; done; sleep 30 & echo $! > "${sleeperFile}"; wait`,
  });
  const first = await checkExec(h.ctx);
  t.false(first.ok);
  if (first.ok) return;
  await applyExec(h.ctx, first.diff);
  t.deepEqual(await checkExec(h.ctx), { ok: true });

  const stop = await watchExec(h.watchCtx);
  const pgid = await readPid(pidFile);
  t.true(await waitFor(() => h.events.length >= 3), `events: ${h.events.length}`);
  t.deepEqual(h.events, ['watchcmd', 'watchcmd', 'watchcmd']);
  t.true(h.ctx.state.pending);
  const again = await checkExec(h.ctx);
  t.false(again.ok);
  if (again.ok) return;
  t.is(again.diff.reason, 'watchcmd printed a line');
  await applyExec(h.ctx, again.diff);
  t.deepEqual(await checkExec(h.ctx), { ok: true });

  const sleeper = await readPid(sleeperFile);
  t.true((await groupMembers(pgid)).includes(sleeper), 'the shell and its sleep run in their own group');
  const stopping = Date.now();
  await stop();
  t.true(Date.now() - stopping < 5000);
  t.true(await waitFor(async () => (await groupMembers(pgid)).length === 0), 'a watchcmd process survived');
  t.false(await isAlive(sleeper));
  t.deepEqual(h.errors, [], 'a stopped watch reports no error');
});

test('a watchcmd that exits is reported through ctx.error', async (t) => {
  const h = harness({ cmd: 'true', watchcmd: 'echo once; echo broken >&2; exit 3' }, { name: 'w' });
  const stop = await watchExec(h.watchCtx);
  t.true(await waitFor(() => h.errors.length > 0));
  t.is(h.errors[0]?.message, 'watchcmd `echo once; echo broken >&2; exit 3` exited 3: broken');
  t.deepEqual(h.events, ['watchcmd']);
  await stop();
  t.is(h.errors.length, 1);
});

test('aborting the signal also stops the watchcmd', async (t) => {
  const dir = await tempDir(t);
  const pidFile = join(dir, 'watch.pid');
  const h = harness({ cmd: 'true', watchcmd: `echo $$ > "${pidFile}"; sleep 30` });
  const stop = await watchExec(h.watchCtx);
  const pgid = await readPid(pidFile);
  h.controller.abort();
  t.true(await waitFor(async () => (await groupMembers(pgid)).length === 0));
  await stop();
  t.deepEqual(h.errors, []);
});

test('a watchcmd that exits leaving a child behind: the child is killed and the end reported', async (t) => {
  const dir = await tempDir(t);
  const sleeperFile = join(dir, 'sleeper.pid');
  const h = harness({ cmd: 'true', watchcmd: `sleep 30 & echo $! > "${sleeperFile}"; exit 4` }, { name: 'w' });
  const stop = await watchExec(h.watchCtx);
  const sleeper = await readPid(sleeperFile);
  t.true(await waitFor(() => h.errors.length > 0));
  t.regex(h.errors[0]?.message ?? '', /^watchcmd `.*` exited 4$/);
  t.true(await waitFor(async () => !(await isAlive(sleeper))));
  await stop();
});
