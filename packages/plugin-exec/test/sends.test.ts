import test from 'ava';
import { makeContext } from '@mgmt/resource/testing';
import { applyExec } from '../src/apply.js';
import { exec } from '../src/exec.js';
import { refreshExec } from '../src/refresh.js';
import { SEND_LIMIT } from '../src/sends.js';

const diff = { reason: 'test' };

test('each run sends output, stdout, stderr and exitcode', async (t) => {
  const ctx = makeContext(exec, { cmd: 'echo one; echo two >&2' });
  await applyExec(ctx, diff);
  t.is(ctx.sent.length, 1);
  const sent = ctx.sent[0]!;
  t.is(sent['stdout'], 'one\n');
  t.is(sent['stderr'], 'two\n');
  t.is(sent['exitcode'], 0);
  // Two pipes: both lines are in `output`, in an order the test cannot know.
  t.deepEqual(String(sent['output']).split('\n').sort(), ['', 'one', 'two']);
  await refreshExec(ctx);
  t.is(ctx.sent.length, 2, 'a refresh is a run too');
});

test('args are passed as is, and a failed run still sends its exit code', async (t) => {
  const ok = makeContext(exec, { cmd: 'echo', args: ['hello'] });
  await applyExec(ok, diff);
  t.is(ok.sent[0]!['stdout'], 'hello\n');
  const bad = makeContext(exec, { cmd: 'echo out; exit 4' });
  await t.throwsAsync(applyExec(bad, diff));
  t.like(bad.sent[0], { stdout: 'out\n', exitcode: 4 });
});

test('a value over the limit is cut, with a warning; the run succeeds', async (t) => {
  const ctx = makeContext(exec, { cmd: `head -c ${SEND_LIMIT + 10} /dev/zero | tr '\\0' x` });
  await applyExec(ctx, diff);
  t.is(String(ctx.sent[0]!['stdout']).length, SEND_LIMIT);
  t.true(ctx.lines.some((l) => l.level === 'warn' && l.message === `stdout is over ${SEND_LIMIT} characters: only its first ${SEND_LIMIT} are sent`));
});

test('a run that never started sends nothing', async (t) => {
  const ctx = makeContext(exec, { cmd: '/nonexistent/cmd', args: [] });
  await t.throwsAsync(applyExec(ctx, diff));
  t.deepEqual(ctx.sent, []);
});
