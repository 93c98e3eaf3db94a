import { runExec } from './apply.js';
import { evaluateGuards } from './guards.js';
import type { ExecContext } from './state.js';

/**
 * A notification (`a ~> exec "x"`) runs the command again, even if it already ran, unless a
 * guard refuses: like the Go mgmt and Puppet, `creates` and `ifcmd` still apply, so a
 * `systemctl reload app` guarded by `ifcmd => "systemctl is-active app"` is not forced.
 */
export async function refreshExec(ctx: ExecContext): Promise<void> {
  const verdict = await evaluateGuards(ctx);
  if (verdict !== undefined && !verdict.allow) {
    ctx.log.info(`refresh skipped: ${verdict.reason}`);
    return;
  }
  await runExec(ctx);
}
