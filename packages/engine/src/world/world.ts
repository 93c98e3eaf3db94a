/**
 * The world: what hosts share. Each host publishes the resources it exports, and collects
 * the resources others (and itself) export; a small key-value store sits beside. The
 * in-memory world (`MemoryWorld`) is the embedded default for a single host; a distributed
 * world (etcd) implements the same interface.
 */

/** Plain JSON params, as a kind's schema output them. */
export type Params = Readonly<Record<string, unknown>>;

/** A resource as a host exports it: `export [to LIST] kind "name" { … }`. */
export interface ExportedResource {
  readonly kind: string;
  readonly name: string;
  readonly params: Params;
  /** The hosts that may collect it; absent: every host. */
  readonly to?: readonly string[];
}

/** An exported resource as a collecting host sees it: who exported it, and what. */
export interface CollectedResource {
  readonly host: string;
  readonly kind: string;
  readonly name: string;
  readonly params: Params;
}

/** Narrows a collection further (the language's `where` is evaluated by the program itself). */
export type CollectFilter = (r: CollectedResource) => boolean;

/**
 * The exports of one kind visible to the collecting host, as a stream of snapshots. Each
 * snapshot is the full current list (sorted by host, then name), never a delta; a new one
 * comes only when the list changed.
 */
export interface Collection extends AsyncIterable<readonly CollectedResource[]> {
  /** The snapshot now. */
  current(): readonly CollectedResource[];
  /** Calls `listener` with the current snapshot at once, then with every new one; returns the unsubscribe. */
  subscribe(listener: (snapshot: readonly CollectedResource[]) => void): () => void;
}

export interface World {
  /** The host this handle collects for: `to` lists are matched against it. */
  readonly hostname: string;
  /** Replaces every export of `host` with `resources` (an empty list withdraws them all). */
  export(host: string, resources: readonly ExportedResource[]): Promise<void>;
  /** The exports of `kind` visible to `hostname` (its own included), optionally filtered. */
  collect(kind: string, filter?: CollectFilter): Collection;
  /** The value of `key`, or undefined. */
  get(key: string): Promise<string | undefined>;
  /** Sets `key` (undefined deletes it). */
  set(key: string, value: string | undefined): Promise<void>;
  /** Calls `listener` with each new value of `key` (not the current one); returns the unsubscribe. */
  watch(key: string, listener: (value: string | undefined) => void): () => void;
  /** Ends every collection and watch of this handle. */
  close(): Promise<void>;
}
