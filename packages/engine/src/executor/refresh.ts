import type { EngineHooks } from '../hooks.js';
import type { RefreshStore } from '../state/refresh-store.js';
import type { Vertex } from './vertex.js';

/** Where a failed write of the pending refreshes is reported; the run goes on. */
export type StoreError = (err: Error) => void;

/**
 * `v` changed something: each vertex it notifies owes a refresh. With a state dir this is on
 * disk before it resolves, so before `v`'s change counts as done (a crash after this point
 * still refreshes on the next start).
 */
export async function notifyTargets(v: Vertex, store: RefreshStore | undefined, onError: StoreError): Promise<void> {
  if (v.notifies.length === 0) return;
  for (const n of v.notifies) n.refreshPending = true;
  await store?.add(v.notifies.map((n) => n.key)).catch(onError);
}

/**
 * Runs a vertex's owed refresh, after its check. An apply in this same step already brought
 * the resource up to date, so the refresh is then owed no more. In noop nothing runs and the
 * debt stays on disk. A throwing refresh stays owed, and the step fails (and is retried).
 */
export async function runRefresh(v: Vertex, applied: boolean, noop: boolean, hooks: EngineHooks, store: RefreshStore | undefined, onError: StoreError): Promise<void> {
  v.refreshPending = false;
  if (noop || v.node.meta.noop) return;
  if (!applied && v.node.def.refresh) {
    try {
      await v.node.def.refresh(v.ctx);
    } catch (err) {
      v.refreshPending = true;
      throw err;
    }
    hooks.refreshed.call(v);
  }
  // A notifier that changed again during the refresh owes another: keep that one.
  if (!v.refreshPending) await store?.remove(v.key).catch(onError);
}
