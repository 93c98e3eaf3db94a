import type { EngineHooks } from '../hooks.js';
import type { Vertex } from './vertex.js';

export interface WatchSink {
  event(reason: string): void;
  error(err: Error): void;
}

/**
 * Starts a vertex's watch, and its poll timer when it has one (`Meta:poll`, or the kind's
 * `poll` when it cannot watch). Resolves once the watch is live: a kind's `watch` promise
 * resolves only then, so drift between this and the first check is never missed.
 */
export async function startWatch(v: Vertex, sink: WatchSink): Promise<void> {
  v.watchStarted = true;
  const def = v.node.def;
  if (def.watch) {
    try {
      v.watchStop = await def.watch(v.watchContext(sink.event, sink.error));
    } catch (err) {
      sink.error(err instanceof Error ? err : new Error(String(err)));
    }
  }
  const poll = v.node.meta.poll || (def.watch ? 0 : (def.poll ?? 0));
  if (poll > 0 && !v.pollTimer) v.pollTimer = setInterval(() => sink.event('poll'), poll * 1000);
}

/**
 * A broken watch is closed and restarted with backoff (1 s doubling up to 60 s): `restart`
 * is called then, unless the vertex stopped, and re-checks the vertex with a new watch.
 */
export function restartWatchLater(v: Vertex, err: Error, hooks: EngineHooks, restart: () => void): void {
  hooks.failed.call(v, new Error(`watch failed: ${err.message}`, { cause: err }));
  const stop = v.watchStop;
  v.watchStop = undefined;
  void Promise.resolve().then(stop).catch(() => {});
  const backoff = Math.min(60_000, 1000 * 2 ** Math.min(6, v.watchFailures++));
  setTimeout(() => {
    if (v.stopped) return;
    v.watchStarted = false;
    restart();
  }, backoff).unref();
}
