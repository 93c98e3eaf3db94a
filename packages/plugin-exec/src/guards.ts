import { stat } from 'node:fs/promises';
import { createsPath } from './creates.js';
import { shellCommand } from './params.js';
import { describeFailure, run } from './run.js';
import type { ExecContext } from './state.js';

/** What the guards (`creates`, `ifcmd`) say; undefined when the exec has none. */
export interface GuardVerdict {
  readonly allow: boolean;
  /** Why, in words: `/tmp/x exists`, `ifcmd exited 0`. */
  readonly reason: string;
}

/**
 * Evaluates the guards: the command may run only if every guard allows. `creates` is tested
 * first because it is a stat; `ifcmd` is then run (not at all if `creates` already refused).
 * Running `ifcmd` is the one side effect check is allowed: it is how the user asks.
 * Throws if ifcmd cannot be judged (it could not start, timed out, or was aborted).
 */
export async function evaluateGuards(ctx: ExecContext): Promise<GuardVerdict | undefined> {
  const p = ctx.params;
  const reasons: string[] = [];
  const path = createsPath(p);
  if (path !== undefined) {
    if (await exists(path)) return { allow: false, reason: `${path} exists` };
    reasons.push(`${path} is missing`);
  }
  if (p.ifcmd !== undefined) {
    const command = shellCommand(p, p.ifcmd);
    const result = await run(command, {
      cwd: p.cwd,
      env: p.env,
      timeout: p.timeout,
      signal: ctx.signal,
      onLine: (line, stream) => ctx.log.debug(line, { stream, source: 'ifcmd' }),
    });
    const { outcome } = result;
    if (outcome.type === 'exited' || outcome.type === 'signaled') {
      const allow = outcome.type === 'exited' && outcome.code === 0;
      const said = outcome.type === 'exited' ? `exited ${outcome.code}` : `was killed by ${outcome.signal}`;
      if (!allow) return { allow, reason: `ifcmd ${said}` };
      reasons.push(`ifcmd ${said}`);
    } else {
      throw new Error(`ifcmd ${describeFailure(command, result) ?? ''}`);
    }
  }
  return reasons.length === 0 ? undefined : { allow: true, reason: reasons.join(' and ') };
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (err) {
    if (err instanceof Error && 'code' in err && (err.code === 'ENOENT' || err.code === 'ENOTDIR')) return false;
    throw err;
  }
}
