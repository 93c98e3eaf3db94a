import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import test from 'ava';
import { applyExec } from '../src/apply.js';
import { checkExec } from '../src/check.js';
import { harness, tempDir } from './harness.js';

test('no guard: drifted until the first run, then converged', async (t) => {
  const dir = await tempDir(t);
  const marker = join(dir, 'ran');
  const { ctx } = harness({ cmd: `echo x >> '${marker}'` });
  const first = await checkExec(ctx);
  t.false(first.ok);
  if (first.ok) return;
  t.deepEqual(first.changes, [`run echo x >> '${marker}'`]);
  t.is(first.diff.reason, 'not run since the agent started');
  t.false(existsSync(marker), 'check never runs cmd');
  await applyExec(ctx, first.diff);
  t.true(existsSync(marker));
  t.deepEqual(await checkExec(ctx), { ok: true });
});

test('check never runs cmd, so noop is safe', async (t) => {
  const dir = await tempDir(t);
  const marker = join(dir, 'ran');
  const { ctx } = harness({ cmd: `touch '${marker}'`, ifcmd: 'true' }, { noop: true });
  t.false((await checkExec(ctx)).ok);
  t.false((await checkExec(ctx)).ok);
  t.false(existsSync(marker));
});

test('creates: converged while the path exists, relative to cwd', async (t) => {
  const dir = await tempDir(t);
  const { ctx } = harness({ cmd: 'touch made', cwd: dir, creates: 'made' });
  const before = await checkExec(ctx);
  t.false(before.ok);
  if (before.ok) return;
  t.is(before.diff.reason, `${join(dir, 'made')} is missing`);
  await applyExec(ctx, before.diff);
  t.deepEqual(await checkExec(ctx), { ok: true });
});

test('creates: an existing path means the command never runs, even the first time', async (t) => {
  const dir = await tempDir(t);
  await writeFile(join(dir, 'there'), '');
  const { ctx } = harness({ cmd: 'false', creates: join(dir, 'there') });
  t.deepEqual(await checkExec(ctx), { ok: true });
});

test('ifcmd: exit 0 lets it run, non-zero skips it', async (t) => {
  t.deepEqual(await checkExec(harness({ cmd: 'true', ifcmd: 'exit 1' }).ctx), { ok: true });
  const yes = await checkExec(harness({ cmd: 'true', ifcmd: 'test 1 = 1' }).ctx);
  t.false(yes.ok);
  if (!yes.ok) t.is(yes.diff.reason, 'ifcmd exited 0');
});

test('ifcmd: guards decide each time, not only the first (the command should make ifcmd fail)', async (t) => {
  const dir = await tempDir(t);
  const flag = join(dir, 'flag');
  const { ctx } = harness({ cmd: `touch '${flag}'`, ifcmd: `test ! -e '${flag}'` });
  const first = await checkExec(ctx);
  t.false(first.ok);
  if (first.ok) return;
  await applyExec(ctx, first.diff);
  t.deepEqual(await checkExec(ctx), { ok: true });
});

test('ifcmd runs in cwd, with env, and its output is logged at debug', async (t) => {
  const dir = await tempDir(t);
  const h = harness({ cmd: 'true', cwd: dir, env: { WANT: dir }, ifcmd: 'echo "in $PWD"; test "$PWD" = "$WANT"' });
  t.false((await checkExec(h.ctx)).ok);
  t.true(h.lines.some((l) => l.level === 'debug' && l.message === `in ${dir}` && l.fields.source === 'ifcmd'));
});

test('both guards must allow; a refusing creates spares ifcmd a run', async (t) => {
  const dir = await tempDir(t);
  const there = join(dir, 'there');
  const ifran = join(dir, 'ifran');
  await writeFile(there, '');
  const ifcmd = `touch '${ifran}'`;
  t.deepEqual(await checkExec(harness({ cmd: 'true', creates: there, ifcmd }).ctx), { ok: true });
  t.false(existsSync(ifran));
  t.deepEqual(await checkExec(harness({ cmd: 'true', creates: join(dir, 'missing'), ifcmd: 'false' }).ctx), {
    ok: true,
  });
  const both = await checkExec(harness({ cmd: 'true', creates: join(dir, 'missing'), ifcmd }).ctx);
  t.false(both.ok);
  if (!both.ok) t.is(both.diff.reason, `${join(dir, 'missing')} is missing and ifcmd exited 0`);
});

test('an ifcmd that times out fails the check', async (t) => {
  const { ctx } = harness({ cmd: 'true', ifcmd: 'sleep 30', timeout: 0.3 });
  const err = await t.throwsAsync(checkExec(ctx));
  t.is(err?.message, 'ifcmd `sleep 30` timed out after 0.3s (its process group was killed)');
});
