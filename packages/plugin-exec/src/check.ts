import { converged, drifted, type CheckResult } from '@mgmt/resource';
import { evaluateGuards } from './guards.js';
import { mainCommand } from './params.js';
import type { ExecContext, ExecDiff } from './state.js';

/**
 * Decides whether the command should run. It never runs `cmd` itself (in `--noop` the engine
 * only calls check), but it does run `ifcmd` when one is given: that is the one side effect
 * an exec's check has, and the reason `ifcmd` should only read.
 *
 * - With guards (`creates`, `ifcmd`): drifted exactly when every guard allows, each time.
 * - Without: drifted until the first successful run of this vertex, and again after each
 *   line from `watchcmd`.
 */
export async function checkExec(ctx: ExecContext): Promise<CheckResult<ExecDiff>> {
  const verdict = await evaluateGuards(ctx);
  let reason: string;
  if (verdict !== undefined) {
    if (!verdict.allow) return converged;
    reason = verdict.reason;
  } else if (!ctx.state.ran) {
    reason = 'not run since the agent started';
  } else if (ctx.state.pending) {
    reason = 'watchcmd printed a line';
  } else {
    return converged;
  }
  return drifted({ reason }, [`run ${mainCommand(ctx.params).display}`]);
}
