import { converged, drifted, type CheckResult } from '@mgmt/resource';
import { ENABLED, RUNNING, STOPPED, type SvcDiff } from './diff.js';
import { svcUnit } from './params.js';
import { busFor, type SvcContext } from './state.js';
import { readUnit } from './systemd.js';

/**
 * Reads `UnitFileState` and `ActiveState`/`SubState` of the unit and compares them with
 * `startup` and `state`. Only reads (LoadUnit loads the unit into systemd, as `systemctl
 * status` does). A unit that does not exist is an error, not a drift.
 */
export async function check(ctx: SvcContext): Promise<CheckResult<SvcDiff>> {
  const { state, startup } = ctx.params;
  const unit = svcUnit(ctx.params, ctx.name);
  const st = await readUnit(busFor(ctx), unit);
  let diff: SvcDiff = { unit };
  const changes: string[] = [];
  if (startup === 'enabled' && st.unitFileState !== 'enabled') {
    diff = { ...diff, startup: 'enable' };
    changes.push(`enable ${unit} (UnitFileState ${st.unitFileState || 'none'})`);
  } else if (startup === 'disabled' && ENABLED.has(st.unitFileState)) {
    diff = { ...diff, startup: 'disable' };
    changes.push(`disable ${unit} (UnitFileState ${st.unitFileState})`);
  }
  const now = `${st.activeState}/${st.subState}`;
  if (state === 'running' && !RUNNING.has(st.activeState)) {
    diff = { ...diff, active: 'start' };
    changes.push(`start ${unit} (now ${now})`);
  } else if (state === 'stopped' && !STOPPED.has(st.activeState)) {
    diff = { ...diff, active: 'stop' };
    changes.push(`stop ${unit} (now ${now})`);
  }
  return changes.length === 0 ? converged : drifted(diff, changes);
}
