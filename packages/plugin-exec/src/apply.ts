import { mainCommand } from './params.js';
import { describeFailure, run } from './run.js';
import { sendOutput } from './sends.js';
import type { ExecContext, ExecDiff } from './state.js';

/** Runs the command: check found it should (see `checkExec`). Throws if it fails. */
export async function applyExec(ctx: ExecContext, diff: ExecDiff): Promise<void> {
  ctx.log.debug(`running: ${diff.reason}`);
  await runExec(ctx);
}

/**
 * Runs `cmd` once, logging each line (stdout at info, stderr at warn, with a `stream` field),
 * keeping the output in `ctx.state` and sending it (`output`, `stdout`, `stderr`, `exitcode`)
 * when the command exited. Throws an Error naming the exit code, signal or
 * timeout and ending with the last lines of stderr.
 */
export async function runExec(ctx: ExecContext): Promise<void> {
  const p = ctx.params;
  const command = mainCommand(p);
  // Cleared before the run: a watchcmd line printed while we run must cause another run.
  ctx.state.pending = false;
  const result = await run(command, {
    cwd: p.cwd,
    env: p.env,
    timeout: p.timeout,
    signal: ctx.signal,
    onLine: (line, stream) => (stream === 'stdout' ? ctx.log.info(line, { stream }) : ctx.log.warn(line, { stream })),
  });
  ctx.state.stdout = result.stdout;
  ctx.state.stderr = result.stderr;
  ctx.state.exitCode = result.outcome.type === 'exited' ? result.outcome.code : undefined;
  // Sent for every run that exited, failed ones too: a receiver of a failed exec is blocked
  // anyway, and the values are there once the exec recovers.
  if (result.outcome.type === 'exited') sendOutput(ctx, result, result.outcome.code);
  const failure = describeFailure(command, result);
  if (failure !== undefined) {
    // Still to do: a retry's check must find the exec drifted even if it ran before.
    ctx.state.pending = true;
    throw new Error(failure);
  }
  ctx.state.ran = true;
}
