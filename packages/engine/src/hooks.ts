import { AsyncSeriesBailHook, AsyncSeriesHook, SyncHook, SyncWaterfallHook } from 'tapable';
import type { ChangeDetail, ResourceGraph } from '@mgmt/resource';
import type { GraphDiff } from './graph/diff-graph.js';
import type { EngineGraph } from './graph/engine-graph.js';
import type { RunSummary, VertexView } from './types.js';

/** Why a vertex is being checked. */
export type Cause = 'start' | 'watch' | 'poll' | 'dependency' | 'refresh' | 'retry';

/** What one check found. */
export interface CheckOutcome {
  readonly ok: boolean;
  /** What apply would change, in words; empty when ok. */
  readonly changes: readonly string[];
  /** The structured changes, when the kind gives them (unredacted: see `VertexView.secrets`). */
  readonly details?: readonly ChangeDetail[];
  readonly ms: number;
}

/** What one apply did. */
export interface ApplyOutcome {
  readonly changes: readonly string[];
  /** The structured changes, when the kind gives them (unredacted: see `VertexView.secrets`). */
  readonly details?: readonly ChangeDetail[];
  readonly ms: number;
}

/** The arguments of the `noop` hook: the vertex, its change lines, and its details if any. */
export type NoopArgs = [VertexView, readonly string[], (readonly ChangeDetail[] | undefined)?];

/**
 * The engine's hooks: the seam every reporter, policy and tool taps. Logging, progress and
 * noop reports are taps on these, never code inside the executor.
 *
 * Each tap names itself, e.g. `const TAP = 'my-reporter'; engine.hooks.failed.tap(TAP, …)`.
 * Async hooks are awaited by the vertex that fired them, so a slow tap slows only that vertex.
 */
export interface EngineHooks {
  /**
   * SyncWaterfall, once per graph before it is built: return a transformed program graph
   * (add resources, rewrite params). Must be pure and fast.
   */
  readonly graph: SyncWaterfallHook<[ResourceGraph]>;
  /** Sync, once the graph is built and validated, before any vertex runs. */
  readonly started: SyncHook<[EngineGraph]>;
  /** AsyncSeries, before each check of a vertex, with the reason it runs. */
  readonly beforeCheck: AsyncSeriesHook<[VertexView, Cause]>;
  /** AsyncSeries, after each check that returned (not after one that threw). */
  readonly afterCheck: AsyncSeriesHook<[VertexView, CheckOutcome]>;
  /**
   * AsyncSeriesBail, before each apply: a tap that returns a string vetoes the apply, and the
   * vertex fails with that string as the reason (a policy hook).
   */
  readonly beforeApply: AsyncSeriesBailHook<[VertexView, readonly string[]], string | undefined>;
  /** AsyncSeries, after each apply that returned. */
  readonly afterApply: AsyncSeriesHook<[VertexView, ApplyOutcome]>;
  /**
   * Sync, in noop: the changes a drifted vertex would have applied, and their structured
   * details when the kind gives them (unredacted: reporters redact with `VertexView.secrets`).
   */
  readonly noop: SyncHook<NoopArgs>;
  /** Sync, after a vertex's refresh ran (it was notified by a dependency that changed). */
  readonly refreshed: SyncHook<[VertexView]>;
  /** Sync, when a watch or poll reports that a vertex's real state may have changed. */
  readonly event: SyncHook<[VertexView, string]>;
  /**
   * Sync, when a vertex is flapping: it was repaired (applied after a watch or poll event)
   * more than `flap.repairs` times within `flap.seconds` (engine options; 10 in 60 s by
   * default), with the count of repairs in that window. From then on it waits before each
   * further event, 1 s doubling per repair up to 60 s, until a window passes calmly. Fires
   * on every repair while flapping. Something else keeps undoing the change: find it.
   */
  readonly flapping: SyncHook<[VertexView, number]>;
  /** Sync, when a vertex fails (after its retries). */
  readonly failed: SyncHook<[VertexView, Error]>;
  /** Sync, when a vertex cannot run because a dependency failed or is blocked. */
  readonly blocked: SyncHook<[VertexView, VertexView]>;
  /** Sync, after a new graph replaced the running one, with what was kept, changed, added, removed. */
  readonly swapped: SyncHook<[GraphDiff]>;
  /** Sync, each time every vertex has settled (converged, failed or blocked). */
  readonly converged: SyncHook<[RunSummary]>;
  /** AsyncSeries, once when the engine stops, with the final summary. */
  readonly stopped: AsyncSeriesHook<[RunSummary]>;
}

export const createHooks = (): EngineHooks =>
  Object.freeze({
    graph: new SyncWaterfallHook<[ResourceGraph]>(['graph']),
    started: new SyncHook<[EngineGraph]>(['graph']),
    beforeCheck: new AsyncSeriesHook<[VertexView, Cause]>(['vertex', 'cause']),
    afterCheck: new AsyncSeriesHook<[VertexView, CheckOutcome]>(['vertex', 'outcome']),
    beforeApply: new AsyncSeriesBailHook<[VertexView, readonly string[]], string | undefined>(['vertex', 'changes']),
    afterApply: new AsyncSeriesHook<[VertexView, ApplyOutcome]>(['vertex', 'outcome']),
    noop: new SyncHook<NoopArgs>(['vertex', 'changes', 'details']),
    refreshed: new SyncHook<[VertexView]>(['vertex']),
    event: new SyncHook<[VertexView, string]>(['vertex', 'reason']),
    flapping: new SyncHook<[VertexView, number]>(['vertex', 'count']),
    failed: new SyncHook<[VertexView, Error]>(['vertex', 'error']),
    blocked: new SyncHook<[VertexView, VertexView]>(['vertex', 'blocker']),
    swapped: new SyncHook<[GraphDiff]>(['diff']),
    converged: new SyncHook<[RunSummary]>(['summary']),
    stopped: new AsyncSeriesHook<[RunSummary]>(['summary']),
  });
