import test from 'ava';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { StatusLine, statusText } from '../src/output/status-line.js';
import { mgmt, program, ROOT } from './helpers.js';

const BIN = join(ROOT, 'packages/cli/src/bin.ts');

const summary = { total: 40, converged: 12, running: 3, failed: 1, blocked: 2, changed: 5, elapsedMs: 4210 };

test('the status says converged/total, then only the counts that are not zero, and the clock', (t) => {
  t.is(statusText(summary), '12/40 converged · 3 running · 1 failed · 2 blocked · 4.2 s');
  t.is(statusText({ ...summary, converged: 40, running: 0, failed: 0, blocked: 0 }), '40/40 converged · 4.2 s');
});

test('log lines scroll above the status line, which is redrawn below each', (t) => {
  let out = '';
  const line = new StatusLine((s) => (out += s));
  line.log('before\n');
  t.is(out, 'before\n', 'no status yet: the log is written as is');
  line.show('1/2 converged');
  line.log('a line\n');
  line.show('2/2 converged');
  line.clear();
  t.is(out, 'before\n\r\x1b[2K1/2 converged\r\x1b[2Ka line\n1/2 converged\r\x1b[2K2/2 converged\r\x1b[2K');
  line.clear();
  t.true(out.endsWith('converged\r\x1b[2K'), 'a second clear writes nothing');
});

test('a status wider than the terminal is cut, so it never wraps', (t) => {
  let out = '';
  const line = new StatusLine((s) => (out += s), () => 20);
  line.show('x'.repeat(50));
  t.is(out, `\r\x1b[2K${'x'.repeat(18)}…`);
});

test('mgmt run on a terminal shows the live status below the log and erases it at the end; a pipe gets none', async (t) => {
  const { file } = await program('exec "a" { cmd => "sleep 1.2", }\nexec "b" { cmd => "true", }\n');
  const cmd = [process.execPath, '--import=tsx', '--conditions=@mgmt/source', BIN, 'run', '--converged-timeout=0', file].map((a) => `'${a}'`).join(' ');
  // script(1) gives the agent a pseudo-terminal, as a user's shell would.
  const tty = spawnSync('script', ['-qfec', cmd, '/dev/null'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', MGMT_CACHE_DIR: 'off' } });
  t.is(tty.status, 0, tty.stderr);
  t.regex(tty.stdout, /\r\x1b\[2K1\/2 converged · 1 running · \d+\.\d s/);
  t.regex(tty.stdout, /\r\x1b\[2K[^\r\n]*done: 2\/2 converged/, 'the status is erased before the last line');
  const piped = await mgmt(['run', '--converged-timeout=0', file]);
  t.is(piped.code, 0);
  t.false(piped.stdout.includes('\x1b[2K'));
});
