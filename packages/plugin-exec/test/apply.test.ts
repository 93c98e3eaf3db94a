import { existsSync, realpathSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import test from 'ava';
import { applyExec, runExec } from '../src/apply.js';
import { checkExec } from '../src/check.js';
import { harness, isAlive, readPid, tempDir, waitFor } from './harness.js';

const diff = { reason: 'test' };

test('stdout lines are logged at info, stderr at warn, and the output kept in state', async (t) => {
  const h = harness({ cmd: 'echo one; echo two >&2; printf three' });
  await applyExec(h.ctx, diff);
  // stdout and stderr are separate pipes: their relative order is not defined.
  const logged = h.lines.filter((l) => l.fields.stream !== undefined);
  t.is(logged.length, 3);
  t.true(logged.some((l) => l.level === 'info' && l.message === 'one' && l.fields.stream === 'stdout'));
  t.true(logged.some((l) => l.level === 'warn' && l.message === 'two' && l.fields.stream === 'stderr'));
  t.true(logged.some((l) => l.level === 'info' && l.message === 'three' && l.fields.stream === 'stdout'));
  t.is(h.ctx.state.stdout, 'one\nthree');
  t.is(h.ctx.state.stderr, 'two\n');
  t.is(h.ctx.state.exitCode, 0);
  t.true(h.ctx.state.ran);
});

test('a failure names the command, the exit code and the tail of stderr', async (t) => {
  const h = harness({ cmd: 'for i in 1 2 3 4 5 6 7; do echo "e$i" >&2; done; exit 3' });
  const err = await t.throwsAsync(applyExec(h.ctx, diff));
  t.is(
    err?.message,
    '`for i in 1 2 3 4 5 6 7; do echo "e$i" >&2; done; exit 3` exited 3: e3\ne4\ne5\ne6\ne7',
  );
  t.is(h.ctx.state.exitCode, 3);
  t.false(h.ctx.state.ran);
  t.false((await checkExec(h.ctx)).ok, 'still drifted, so a retry runs it again');
});

test('`false` fails with a short message', async (t) => {
  const err = await t.throwsAsync(applyExec(harness({ cmd: 'false' }).ctx, diff));
  t.is(err?.message, '`false` exited 1');
});

test('a missing executable (args form) cannot start', async (t) => {
  const err = await t.throwsAsync(applyExec(harness({ cmd: '/nonexistent/prog', args: [] }).ctx, diff));
  t.regex(err?.message ?? '', /^`\/nonexistent\/prog` could not start: .*ENOENT/);
});

test('a missing cwd cannot start, and says so', async (t) => {
  const err = await t.throwsAsync(applyExec(harness({ cmd: 'true', cwd: '/nonexistent/dir' }).ctx, diff));
  t.regex(err?.message ?? '', /^`true` could not start: its cwd \/nonexistent\/dir does not exist/);
});

test('args: no shell, no splitting, no expansion', async (t) => {
  const dir = await tempDir(t);
  const h = harness({ cmd: 'printf', args: ['[%s]', 'a b', '$HOME', '*', '`id`'], cwd: dir });
  await applyExec(h.ctx, diff);
  t.is(h.ctx.state.stdout, '[a b][$HOME][*][`id`]');
  await applyExec(harness({ cmd: 'touch', args: [join(dir, 'with space')] }).ctx, diff);
  t.true(existsSync(join(dir, 'with space')));
  t.false(existsSync(join(dir, 'with')));
});

test('without args, cmd is a shell script', async (t) => {
  const h = harness({ cmd: 'X=1; echo "$X" | tr 1 2 && echo $((1 + 2))' });
  await applyExec(h.ctx, diff);
  t.is(h.ctx.state.stdout, '2\n3\n');
});

test('shell selects the interpreter', async (t) => {
  if (!existsSync('/bin/bash')) return t.pass('no bash here');
  const h = harness({ cmd: 'echo "${BASH_VERSION:+bash}"', shell: '/bin/bash' });
  await applyExec(h.ctx, diff);
  t.is(h.ctx.state.stdout, 'bash\n');
});

test('cwd and env (merged over the agent’s environment)', async (t) => {
  const dir = await tempDir(t);
  const h = harness({ cmd: 'pwd; echo "$FOO"; echo "$PATH"', cwd: dir, env: { FOO: 'bar' } });
  await applyExec(h.ctx, diff);
  t.is(h.ctx.state.stdout, `${realpathSync(dir)}\nbar\n${process.env.PATH ?? ''}\n`);
});

test('a timeout kills the whole process group and fails the apply', async (t) => {
  const dir = await tempDir(t);
  const pidFile = join(dir, 'child.pid');
  const h = harness({ cmd: `sh -c 'sleep 30 & echo $! > "${pidFile}"; wait'`, timeout: 1 });
  const started = Date.now();
  const err = await t.throwsAsync(applyExec(h.ctx, diff));
  t.true(Date.now() - started < 10_000);
  t.regex(err?.message ?? '', /^`.*` timed out after 1s/);
  const grandchild = await readPid(pidFile);
  t.true(await waitFor(async () => !(await isAlive(grandchild))), `sleep ${grandchild} survived`);
});

test('aborting the signal kills the command and its children', async (t) => {
  const dir = await tempDir(t);
  const pidFile = join(dir, 'child.pid');
  const h = harness({ cmd: `sleep 30 & echo $! > "${pidFile}"; wait` });
  const running = runExec(h.ctx);
  const sleeper = await readPid(pidFile);
  h.controller.abort();
  const err = await t.throwsAsync(running);
  t.is(err?.message, `\`sleep 30 & echo $! > "${pidFile}"; wait\` was aborted: the resource is stopping`);
  t.true(await waitFor(async () => !(await isAlive(sleeper))), `sleep ${sleeper} survived`);
});

test('a background process left behind does not hold the apply', async (t) => {
  const dir = await tempDir(t);
  const pidFile = join(dir, 'bg.pid');
  const h = harness({ cmd: `sleep 5 & echo $! > "${pidFile}"; echo done` });
  const started = Date.now();
  await applyExec(h.ctx, diff);
  t.true(Date.now() - started < 3000);
  t.is(h.ctx.state.stdout, 'done\n');
  process.kill(Number((await readFile(pidFile, 'utf8')).trim()), 'SIGKILL');
});
