import type { Logger } from './logger.js';

/** A resource of the running graph, as another resource may see it. */
export interface GraphResource {
  readonly kind: string;
  readonly name: string;
  /** The identity within the kind (a file's path). */
  readonly id: string;
  readonly params: Readonly<Record<string, unknown>>;
}

/**
 * A read-only, live view of the graph the vertex runs in. It answers for the current graph,
 * so after a graph swap it already shows the new one. Used by kinds whose state depends on
 * their peers, such as a directory that purges entries no `file` resource manages.
 */
export interface GraphView {
  /** The resources of one kind, in no particular order. */
  resources(kind: string): readonly GraphResource[];
}

/**
 * What every verb of a resource receives. One context object lives as long as its vertex:
 * `state` persists between calls, so a kind can remember what an earlier apply did.
 */
export interface ResourceContext<P, S = undefined, O = Readonly<Record<string, unknown>>> {
  /** The kind, as written in `.mcl` (`file`). */
  readonly kind: string;
  /** The resource name as written (`file "/etc/motd"` has name `/etc/motd`). */
  readonly name: string;
  /** The params after schema validation: defaults filled, types coerced. */
  readonly params: P;
  /** A child logger bound to this vertex. */
  readonly log: Logger;
  /** Aborted when the vertex stops (shutdown or graph swap). Long work should honour it. */
  readonly signal: AbortSignal;
  /** The host this agent runs as (`--hostname`). */
  readonly hostname: string;
  /** True in `--noop` runs. The engine never calls `apply` then; check still runs. */
  readonly noop: boolean;
  /** The graph this vertex runs in. */
  readonly graph: GraphView;
  /** Per-vertex memory, made by the definition's `state()` factory once per vertex. */
  readonly state: S;
  /**
   * Publishes this vertex's output values, for send/recv edges
   * (`Exec["e"].stdout -> File["f"].content`). Only for kinds that declare `sends`; the
   * values must pass that schema, or `send` throws (the verb then fails: a bug in the kind).
   * Call it in `apply` or `refresh` after the work is done, or in `check` when check alone
   * learns the values. The engine keeps the last values sent; values different from the
   * last re-check the receivers, equal ones do nothing. Never called in noop by the engine's
   * own doing: apply does not run there.
   *
   * The engine and the testing kit always set it. It is optional only so that contexts
   * built by hand before send/recv existed still type-check: call it as `ctx.send?.(…)`.
   */
  readonly send?: (values: O) => void;
}

/**
 * The context of `watch`. `event()` tells the engine the real state may have changed; the
 * engine then re-runs check (and apply if needed) for this vertex only. Calling it often is
 * cheap: events are coalesced while a check is pending.
 */
export interface WatchContext<P, S = undefined, O = Readonly<Record<string, unknown>>> extends ResourceContext<P, S, O> {
  event(reason?: string): void;
  /** Report a broken watch (the vertex is marked failed and the watch restarted later). */
  error(err: Error): void;
}

/** Stops a watch. It may be async; the engine awaits it before the vertex is considered stopped. */
export type StopWatch = () => void | Promise<void>;
