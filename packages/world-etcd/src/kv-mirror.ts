import type { IKeyValue } from 'etcd3';

type Listener = (value: string | undefined) => void;

/** This handle's copy of `kv/`, so `watch(key)` can say when a value really changed. */
export class KvMirror {
  private values = new Map<string, string>();
  private readonly listeners = new Map<string, Set<Listener>>();

  constructor(
    /** `<prefix>/kv/`: stripped from etcd keys to give the API's keys. */
    private readonly base: string,
    private readonly onListenerError: (err: unknown) => void,
  ) {}

  /** Replaces everything with a range read's result, telling watchers of the keys that changed. */
  reset(kvs: readonly IKeyValue[]): void {
    const before = this.values;
    this.values = new Map(kvs.map((kv) => [kv.key.toString().slice(this.base.length), kv.value.toString()]));
    for (const key of this.listeners.keys()) if (before.get(key) !== this.values.get(key)) this.notify(key);
  }

  put(kv: IKeyValue): void {
    const key = kv.key.toString().slice(this.base.length);
    const value = kv.value.toString();
    if (this.values.get(key) === value) return;
    this.values.set(key, value);
    this.notify(key);
  }

  delete(kv: IKeyValue): void {
    const key = kv.key.toString().slice(this.base.length);
    if (this.values.delete(key)) this.notify(key);
  }

  watch(key: string, listener: Listener): () => void {
    let set = this.listeners.get(key);
    if (!set) this.listeners.set(key, (set = new Set()));
    const mine: Listener = (v) => listener(v);
    set.add(mine);
    return () => {
      set.delete(mine);
      if (set.size === 0) this.listeners.delete(key);
    };
  }

  clear(): void {
    this.listeners.clear();
  }

  private notify(key: string): void {
    const value = this.values.get(key);
    for (const listener of [...(this.listeners.get(key) ?? [])]) {
      try {
        listener(value);
      } catch (err) {
        this.onListenerError(err);
      }
    }
  }
}
