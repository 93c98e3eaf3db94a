import type { Origin } from '@mgmt/resource';

/** Where a vertex is in its life. converged, failed and blocked are settled states. */
export type VertexStatus = 'waiting' | 'running' | 'converged' | 'failed' | 'blocked';

/** The read-only face of a vertex that hooks receive. */
export interface VertexView {
  readonly key: string;
  readonly kind: string;
  readonly name: string;
  readonly plugin: string;
  readonly params: Readonly<Record<string, unknown>>;
  /** The params the kind marks secret (`secretParams`): reporters redact their values. */
  readonly secrets: ReadonlySet<string>;
  readonly origin?: Origin;
  readonly status: VertexStatus;
  /** The last error, while failed. */
  readonly error?: Error;
  /** Counters for the whole run. */
  readonly checks: number;
  readonly applies: number;
}

/** Counts over the whole graph, given to `converged` and `stopped`. */
export interface RunSummary {
  readonly total: number;
  readonly converged: number;
  readonly failed: number;
  readonly blocked: number;
  /** Vertices checking or applying right now: 0 whenever every vertex has settled. */
  readonly running: number;
  /** Vertices whose apply succeeded at least once (or, in noop, would have run). */
  readonly changed: number;
  readonly elapsedMs: number;
}
