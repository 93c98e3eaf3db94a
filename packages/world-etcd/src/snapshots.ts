import type { CollectedResource } from '@mgmt/engine';

// The same ordering, comparison and iteration as @mgmt/engine's MemoryWorld, so a program
// sees one behaviour whichever world it runs on. The engine does not export them (yet); when
// it does, import them from there instead of keeping this copy.

export const byHostName = (a: CollectedResource, b: CollectedResource): number =>
  a.host < b.host ? -1 : a.host > b.host ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0;

/** JSON with sorted keys: two equal snapshots give one string. */
export const stable = (v: unknown): string =>
  Array.isArray(v)
    ? `[${v.map(stable).join(',')}]`
    : v !== null && typeof v === 'object'
      ? `{${Object.keys(v)
          .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
          .sort()
          .map((k) => `${JSON.stringify(k)}:${stable((v as Record<string, unknown>)[k])}`)
          .join(',')}}`
      : (JSON.stringify(v) ?? 'null');

/**
 * Snapshots as an async iterator. A slow consumer gets the newest snapshot, not every one in
 * between (each is the full list, so nothing is lost); `return()` (a `break`) unsubscribes.
 */
export function iterate(subscribe: (l: (s: readonly CollectedResource[]) => void) => () => void): AsyncIterator<readonly CollectedResource[]> {
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
