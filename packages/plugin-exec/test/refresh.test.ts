import { writeFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import test from 'ava';
import { applyExec } from '../src/apply.js';
import { checkExec } from '../src/check.js';
import { refreshExec } from '../src/refresh.js';
import { harness, tempDir } from './harness.js';

const count = async (path: string): Promise<number> =>
  (await readFile(path, 'utf8').catch(() => '')).split('\n').filter(Boolean).length;

test('refresh runs the command again, even when converged', async (t) => {
  const dir = await tempDir(t);
  const log = join(dir, 'log');
  const { ctx } = harness({ cmd: `echo run >> '${log}'` });
  await applyExec(ctx, { reason: 'first' });
  t.deepEqual(await checkExec(ctx), { ok: true });
  await refreshExec(ctx);
  await refreshExec(ctx);
  t.is(await count(log), 3);
  t.deepEqual(await checkExec(ctx), { ok: true });
});

test('refresh still honours the guards', async (t) => {
  const dir = await tempDir(t);
  const log = join(dir, 'log');
  const there = join(dir, 'there');
  await writeFile(there, '');
  const h = harness({ cmd: `echo run >> '${log}'`, creates: there });
  await refreshExec(h.ctx);
  t.is(await count(log), 0);
  t.true(h.lines.some((l) => l.level === 'info' && l.message === `refresh skipped: ${there} exists`));
  await refreshExec(harness({ cmd: `echo run >> '${log}'`, ifcmd: 'true' }).ctx);
  t.is(await count(log), 1);
});

test('a failing refresh throws like apply', async (t) => {
  const err = await t.throwsAsync(refreshExec(harness({ cmd: 'echo nope >&2; exit 2' }, { name: 'r' }).ctx));
  t.is(err?.message, '`echo nope >&2; exit 2` exited 2: nope');
});
