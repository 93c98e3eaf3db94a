import type { Logger } from '@mgmt/resource';
import type { EtcdWorld } from '@mgmt/world-etcd';

/** The etcd world's own notes (retries, leases, skipped bad data) as agent log lines. */
export const worldLog =
  (log: Logger) =>
  (level: 'info' | 'warn' | 'error', msg: string): void =>
    log[level](msg, { event: 'world' });

/**
 * Says what a change of the world's status means for this agent. The world's own line gives
 * the cause and the retry; this one says that nothing stops meanwhile: the last graph is
 * still enforced (drift repaired) and collections keep their last snapshot, so no graph is
 * built from a partial world.
 */
export function followWorld(world: Pick<EtcdWorld, 'onStatus'>, log: Logger): () => void {
  return world.onStatus((status) => {
    if (status === 'unreachable') log.warn('world unreachable; still enforcing the last graph', { event: 'world', status });
    else log.info('world reconnected', { event: 'world', status });
  });
}
