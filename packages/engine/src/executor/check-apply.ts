import { performance } from 'node:perf_hooks';
import type { Cause, EngineHooks } from '../hooks.js';
import { acquireAll, type Semaphore } from './semaphore.js';
import type { Vertex } from './vertex.js';

/** What one check/apply step did. `noop` means it would have changed something. */
export type StepResult = 'converged' | 'changed' | 'noop';

/** Thrown by a `beforeApply` veto, so the failure says which policy refused. */
export class ApplyVetoedError extends Error {}

/**
 * One check and, if drifted and allowed, one apply of a vertex, holding `locks` (its
 * `Meta:sema` semaphores, then the global concurrency limit) throughout. The engine, not
 * the plugin, guarantees that apply is unreachable in noop. Throws what check or apply threw.
 */
export async function checkApply(
  v: Vertex,
  cause: Cause,
  hooks: EngineHooks,
  noop: boolean,
  locks: readonly Semaphore[],
): Promise<StepResult> {
  const release = await acquireAll(locks);
  try {
    v.checks++;
    if (hooks.beforeCheck.isUsed()) await hooks.beforeCheck.promise(v, cause);
    let t0 = performance.now();
    const result = await v.node.def.check(v.ctx);
    const changes = result.ok ? [] : result.changes;
    const details = result.ok ? undefined : result.details;
    if (hooks.afterCheck.isUsed()) await hooks.afterCheck.promise(v, { ok: result.ok, changes, ...(details ? { details } : {}), ms: performance.now() - t0 });
    if (result.ok) return 'converged';
    if (noop || v.node.meta.noop) {
      v.changed = true;
      hooks.noop.call(v, changes, details);
      return 'noop';
    }
    const veto = hooks.beforeApply.isUsed() ? await hooks.beforeApply.promise(v, changes) : undefined;
    if (veto) throw new ApplyVetoedError(`apply refused: ${veto}`);
    t0 = performance.now();
    await v.node.def.apply(v.ctx, result.diff);
    v.applies++;
    v.changed = true;
    if (hooks.afterApply.isUsed()) await hooks.afterApply.promise(v, { changes, ...(details ? { details } : {}), ms: performance.now() - t0 });
    return 'changed';
  } finally {
    release();
  }
}
