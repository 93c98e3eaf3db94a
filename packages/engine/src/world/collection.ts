import { stableJson } from '../util/stable-json.js';
import type { CollectedResource, Collection } from './world.js';

/** The order of every snapshot: by exporting host, then by name. */
export const byHostName = (a: CollectedResource, b: CollectedResource): number =>
  a.host < b.host ? -1 : a.host > b.host ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0;

/**
 * A `Collection` over a snapshot function, for any world. `register` adds a callback the
 * world calls whenever its exports may have moved (returning the unregister); a subscriber
 * hears only when its visible list really changed, compared as stable JSON, so every world
 * delivers the same snapshots for the same exports.
 */
export function makeCollection(snapshot: () => CollectedResource[], register: (onChange: () => void) => () => void): Collection {
  const subscribe = (listener: (s: readonly CollectedResource[]) => void): (() => void) => {
    let last = snapshot();
    let key = stableJson(last);
    const unregister = register(() => {
      const next = snapshot();
      const nextKey = stableJson(next);
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

/**
 * Snapshots as an async iterator. A slow consumer gets the newest snapshot, not every one in
 * between (each is the full list, so nothing is lost); `return()` (a `break`) unsubscribes.
 */
function iterate(subscribe: (l: (s: readonly CollectedResource[]) => void) => () => void): AsyncIterator<readonly CollectedResource[]> {
  let pending: readonly CollectedResource[] | undefined;
  let wake: ((r: IteratorResult<readonly CollectedResource[]>) => void) | undefined;
  let done = false;
  const unsubscribe = subscribe((s) => {
    if (wake) {
      const w = wake;
      wake = undefined;
      w({ value: s, done: false });
    } else pending = s;
  });
  return {
    next() {
      if (done) return Promise.resolve({ value: undefined, done: true });
      if (pending) {
        const value = pending;
        pending = undefined;
        return Promise.resolve({ value, done: false });
      }
      return new Promise((resolve) => (wake = resolve));
    },
    return() {
      done = true;
      unsubscribe();
      wake?.({ value: undefined, done: true });
      return Promise.resolve({ value: undefined, done: true });
    },
  };
}
