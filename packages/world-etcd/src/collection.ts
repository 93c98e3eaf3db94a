import type { CollectedResource, Collection } from '@mgmt/engine';
import { iterate, stable } from './snapshots.js';

/**
 * A `Collection` over a snapshot function. `register` adds a callback that the world calls
 * whenever its copy of the exports moved forward; a subscriber hears only when its visible
 * list really changed (compared as sorted-key JSON, as MemoryWorld does).
 */
export function makeCollection(snapshot: () => CollectedResource[], register: (onChange: () => void) => () => void): Collection {
  const subscribe = (listener: (s: readonly CollectedResource[]) => void): (() => void) => {
    let last = snapshot();
    let key = stable(last);
    const unregister = register(() => {
      const next = snapshot();
      const nextKey = stable(next);
      if (nextKey === key) return;
      last = next;
      key = nextKey;
      listener(last);
    });
    listener(last);
    return unregister;
  };
  return { current: snapshot, subscribe, [Symbol.asyncIterator]: () => iterate(subscribe) };
}
