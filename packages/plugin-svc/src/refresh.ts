import type { JobMethod } from './job.js';
import { runJob } from './job.js';
import { svcUnit } from './params.js';
import { busFor, type SvcContext } from './state.js';
import { reloadIfStale } from './systemd.js';

/**
 * A notification (`File["/etc/app.conf"] ~> Svc["app"]`) restarts the unit, or reloads it when
 * `reload => true` and the unit can reload (`ReloadOrRestartUnit`). A unit meant to be stopped
 * is left stopped; with `state` unset only a running unit is touched (the `Try` variants).
 * When the unit file changed on disk (`NeedDaemonReload`), systemd is reloaded first.
 */
export async function refresh(ctx: SvcContext): Promise<void> {
  const { state, reload } = ctx.params;
  const unit = svcUnit(ctx.params, ctx.name);
  if (state === 'stopped') {
    ctx.log.info(`refresh skipped: ${unit} is meant to be stopped`);
    return;
  }
  const method: JobMethod =
    state === 'running' ? (reload ? 'ReloadOrRestartUnit' : 'RestartUnit') : reload ? 'ReloadOrTryRestartUnit' : 'TryRestartUnit';
  const bus = busFor(ctx);
  // The usual notifier is the unit file itself: make systemd read it before the restart.
  if (await reloadIfStale(bus, unit)) ctx.log.info(`reloaded systemd: ${unit} changed on disk`);
  await runJob(bus, method, unit, { timeoutMs: ctx.params.timeout * 1000, signal: ctx.signal });
  ctx.log.info(`${reload ? 'reloaded (or restarted)' : 'restarted'} ${unit}`);
}
