import test, { type ExecutionContext } from 'ava';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { mgmt, program, startMgmt, tempDir, until } from './helpers.js';

/**
 * `a ~> b`, with b also behind a 2 s `sleep`, so the agent can be killed after a changed and
 * before b is reached. a is guarded by `creates`, so a restarted agent does not change it
 * (nor notify) again. b's guard refuses at its first evaluation (b's check) and allows from
 * then on (the refresh): so only a refresh, never an apply, can touch the marker.
 */
async function notifyProgram(dir: string) {
  return program(`
exec "a" { cmd => "touch ${dir}/a-done", creates => "${dir}/a-done", }
exec "sleep" { cmd => "sleep 2", }
exec "b" { cmd => "touch ${dir}/marker", ifcmd => "test -e ${dir}/b-checked || { touch ${dir}/b-checked; exit 1; }", }
Exec["a"] ~> Exec["b"]
Exec["sleep"] -> Exec["b"]
`);
}

/** Starts the agent, waits until a has changed, and kills it with SIGKILL before b runs. */
async function runAndKill(t: ExecutionContext, args: string[], dir: string, changed: () => boolean): Promise<void> {
  const agent = startMgmt(['run', ...args]);
  t.teardown(() => agent.kill('SIGKILL'));
  const closed = new Promise((resolve) => agent.on('close', resolve));
  await until(changed);
  agent.kill('SIGKILL');
  await closed;
  t.true(existsSync(join(dir, 'a-done')));
  t.false(existsSync(join(dir, 'b-checked')), 'killed before b was checked');
}

test('--state-dir: a refresh owed when the agent is SIGKILLed runs after the restart', async (t) => {
  const dir = await tempDir();
  const state = join(dir, 'state');
  const { file } = await notifyProgram(dir);
  // The pending refresh is on disk once a's change is acknowledged: that is the moment to kill.
  await runAndKill(t, ['--state-dir', state, file], dir, () => existsSync(join(state, 'refresh-pending.json')));

  const r = await mgmt(['run', '--converged-timeout=0', '--state-dir', state, file]);
  t.is(r.code, 0, r.stdout + r.stderr);
  t.true(existsSync(join(dir, 'marker')), 'b was refreshed');
  t.false(existsSync(join(state, 'refresh-pending.json')), 'the debt is cleared');
});

test('without --state-dir the same crash loses the refresh (the control case)', async (t) => {
  const dir = await tempDir();
  const { file } = await notifyProgram(dir);
  await runAndKill(t, [file], dir, () => existsSync(join(dir, 'a-done')));

  const r = await mgmt(['run', '--converged-timeout=0', file]);
  t.is(r.code, 0, r.stdout + r.stderr);
  t.false(existsSync(join(dir, 'marker')));
});
