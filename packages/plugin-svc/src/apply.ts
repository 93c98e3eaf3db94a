import type { SvcDiff } from './diff.js';
import { runJob } from './job.js';
import { busFor, type SvcContext } from './state.js';
import { managerCall, reloadIfStale } from './systemd.js';

/**
 * Enables or disables the unit file (then `Reload`, as `systemctl enable` does), then starts or
 * stops the unit and waits for the job. Throws with the job's result when it is not `done`.
 * A start of a unit whose file changed on disk reloads systemd first (`NeedDaemonReload`).
 */
export async function apply(ctx: SvcContext, diff: SvcDiff): Promise<void> {
  const bus = busFor(ctx);
  const { unit } = diff;
  if (diff.startup === 'enable') {
    // (as files, b runtime, b force) → (b carries_install_info, a(sss) changes)
    const [carriesInstallInfo, changes] = await managerCall(bus, 'EnableUnitFiles', 'asbb', [[unit], false, false]);
    if (carriesInstallInfo === false) {
      throw new Error(`cannot enable ${unit}: its unit file has no [Install] section (it is static, or only pulled in by other units)`);
    }
    logChanges(ctx, changes);
    await managerCall(bus, 'Reload');
  } else if (diff.startup === 'disable') {
    const [changes] = await managerCall(bus, 'DisableUnitFiles', 'asb', [[unit], false]);
    logChanges(ctx, changes);
    await managerCall(bus, 'Reload');
  }
  const job = { timeoutMs: ctx.params.timeout * 1000, signal: ctx.signal };
  if (diff.active === 'start' && !diff.startup && (await reloadIfStale(bus, unit))) ctx.log.info(`reloaded systemd: ${unit} changed on disk`);
  if (diff.active === 'start') await runJob(bus, 'StartUnit', unit, job);
  else if (diff.active === 'stop') await runJob(bus, 'StopUnit', unit, job);
  if (diff.active) ctx.log.info(`${diff.active === 'start' ? 'started' : 'stopped'} ${unit}`);
}

/** Logs the `a(sss)` (type, file, destination) changes systemd made to the unit file links. */
function logChanges(ctx: SvcContext, changes: unknown): void {
  for (const change of Array.isArray(changes) ? changes : []) {
    const [type, file, dest] = change as [string, string, string];
    ctx.log.info(`${type} ${file}${dest ? ` → ${dest}` : ''}`);
  }
}
