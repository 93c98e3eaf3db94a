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
