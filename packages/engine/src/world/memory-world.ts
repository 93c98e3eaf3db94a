import { byHostName, makeCollection } from './collection.js';
import type { CollectedResource, CollectFilter, Collection, ExportedResource, World } from './world.js';

/** The data every handle of one in-memory world shares. */
class Store {
  readonly exports = new Map<string, readonly ExportedResource[]>();
  readonly kv = new Map<string, string>();
  /** Called after any change of exports, to recompute collections. */
  readonly exportListeners = new Set<() => void>();
  readonly kvListeners = new Map<string, Set<(value: string | undefined) => void>>();
}

/**
 * The embedded world: everything in this process's memory. A single host needs nothing
 * more. `world.as(host)` gives a handle of the same world for another host (tests, or several
 * agents in one process). Exports are copied in (`structuredClone`), so later changes by the
 * caller never leak in; listeners are called synchronously, in subscription order.
 */
export class MemoryWorld implements World {
  private readonly store: Store;
  private readonly closers = new Set<() => void>();

  constructor(
    readonly hostname: string,
    /** Another handle whose world this one shares (see `as`). */
    sharing?: MemoryWorld,
  ) {
    this.store = sharing?.store ?? new Store();
  }

  /** Another host's handle on the same world. */
  as(hostname: string): MemoryWorld {
    return new MemoryWorld(hostname, this);
  }

  async export(host: string, resources: readonly ExportedResource[]): Promise<void> {
    const copy = resources.map((r) => structuredClone({ kind: r.kind, name: r.name, params: r.params, ...(r.to ? { to: [...r.to] } : {}) }));
    if (copy.length === 0) this.store.exports.delete(host);
    else this.store.exports.set(host, copy);
    for (const listener of [...this.store.exportListeners]) listener();
  }

  collect(kind: string, filter?: CollectFilter): Collection {
    const snapshot = (): CollectedResource[] => {
      const out: CollectedResource[] = [];
      for (const [host, list] of this.store.exports) {
        for (const r of list) {
          if (r.kind !== kind || (r.to && !r.to.includes(this.hostname))) continue;
          const c: CollectedResource = { host, kind, name: r.name, params: structuredClone(r.params) };
          if (!filter || filter(c)) out.push(c);
        }
      }
      return out.sort(byHostName);
    };
    return makeCollection(snapshot, (onChange) => {
      this.store.exportListeners.add(onChange);
      const close = (): void => {
        this.store.exportListeners.delete(onChange);
        this.closers.delete(close);
      };
      this.closers.add(close);
      return close;
    });
  }

  async get(key: string): Promise<string | undefined> {
    return this.store.kv.get(key);
  }

  async set(key: string, value: string | undefined): Promise<void> {
    if (this.store.kv.get(key) === value) return;
    if (value === undefined) this.store.kv.delete(key);
    else this.store.kv.set(key, value);
    for (const listener of [...(this.store.kvListeners.get(key) ?? [])]) listener(value);
  }

  watch(key: string, listener: (value: string | undefined) => void): () => void {
    let set = this.store.kvListeners.get(key);
    if (!set) this.store.kvListeners.set(key, (set = new Set()));
    const mine = (v: string | undefined): void => listener(v);
    set.add(mine);
    const close = (): void => {
      set.delete(mine);
      this.closers.delete(close);
    };
    this.closers.add(close);
    return close;
  }

  async close(): Promise<void> {
    for (const close of [...this.closers]) close();
  }
}
