import { silentLogger, type GraphView, type KindRegistry, type Logger, type ResourceGraph } from '@mgmt/resource';
import { BuildCache } from '../graph/build-cache.js';
import { diffGraph, type GraphDiff } from '../graph/diff-graph.js';
import { buildGraph, type BuildResult, type EngineGraph, type Node } from '../graph/engine-graph.js';
import { graphView } from '../graph/graph-view.js';
import { createHooks, type Cause, type EngineHooks } from '../hooks.js';
import { RefreshStore } from '../state/refresh-store.js';
import type { RunSummary, VertexStatus, VertexView } from '../types.js';
import { checkApply } from './check-apply.js';
import { pace, Pacer, recordRepair, type FlapOptions } from './pacing.js';
import { awaitedValue, describeReceive, gather } from './receive.js';
import { notifyTargets, runRefresh } from './refresh.js';
import { NamedSemaphores, Semaphore, sleep } from './semaphore.js';
import { summarize } from './summarize.js';
import { Vertex } from './vertex.js';
import { restartWatchLater, startWatch } from './watching.js';
import { wire } from './wire.js';

export interface EngineOptions {
  readonly registry: KindRegistry;
  readonly hostname?: string;
  /** Never apply anything; report what would change. */
  readonly noop?: boolean;
  readonly log?: Logger;
  /** At most this many check/apply steps at once (default: unlimited). */
  readonly concurrency?: number;
  /** When a vertex counts as flapping (default: more than 10 repairs in 60 s); see `flapping`. */
  readonly flap?: FlapOptions;
  /**
   * A directory for state that must survive a crash: the refreshes owed
   * (`refresh-pending.json`), restored on start. Absent: kept in memory only.
   */
  readonly stateDir?: string;
}

export interface RunOptions {
  /**
   * Stop after the graph has been settled (every vertex converged, failed or blocked) for
   * this many seconds. 0: stop as soon as it settles (a one-shot run). Absent: run until stop().
   */
  readonly convergedTimeout?: number;
}

const SETTLED: ReadonlySet<VertexStatus> = new Set(['converged', 'failed', 'blocked']);

/** What a vertex receives, as one string to compare across a swap. */
const receiveKey = (v: Vertex): string => v.receives.map((r) => `${r.from.key}.${r.send}>${r.recv}`).join(',');

/**
 * The parallel, event-driven executor. Every vertex is its own task: it runs as soon as all
 * its dependencies are converged, so independent branches never wait for each other. After
 * its first check a vertex watches its real state, and an event re-runs that vertex alone,
 * then pokes its dependents if it changed something.
 */
export class Engine {
  readonly hooks: EngineHooks = createHooks();
  private readonly vertices = new Map<string, Vertex>();
  /** The last build's validated resources: a rebuild validates only what changed. */
  private readonly buildCache = new BuildCache();
  private swapping: Promise<void> = Promise.resolve();
  private view: GraphView = { resources: () => [] };
  private readonly limit: Semaphore | undefined;
  private readonly semas = new NamedSemaphores();
  private readonly store: RefreshStore | undefined;
  private readonly storeError = (err: Error) => (this.opts.log ?? silentLogger).error(`cannot save pending refreshes: ${err.message}`);
  private unsettled = 0;
  private stopping = false;
  private startedAt = 0;
  private convergedTimer: NodeJS.Timeout | undefined;
  private keepAlive: NodeJS.Timeout | undefined;
  private convergedTimeout: number | undefined;
  private finish: ((summary: RunSummary) => void) | undefined;
  private stopPromise: Promise<void> | undefined;

  constructor(private readonly opts: EngineOptions) {
    this.limit = opts.concurrency ? new Semaphore(opts.concurrency) : undefined;
    this.store = opts.stateDir ? new RefreshStore(opts.stateDir, this.storeError) : undefined;
  }

  /**
   * Runs the `graph` hook, then resolves kinds, validates, adds autoedges, refuses cycles.
   * A resource unchanged since this engine's last build (same kind, name, raw params and
   * metaparams) is not validated again, so rebuilding a re-evaluated program costs in
   * proportion to what changed, plus a comparison of each resource's raw params with a copy
   * and the cycle check; see `BuildCache`.
   */
  build(program: ResourceGraph): BuildResult {
    return buildGraph(this.hooks.graph.call(program), this.opts.registry, this.buildCache);
  }

  /** A vertex's current state, by `kind[name]`. */
  vertex(key: string): VertexView | undefined {
    return this.vertices.get(key);
  }

  summary(): RunSummary {
    return summarize(this.vertices.values(), this.startedAt);
  }

  /** Runs a built graph until the converged timeout or `stop()`; resolves with the summary. */
  run(graph: EngineGraph, opts: RunOptions = {}): Promise<RunSummary> {
    if (this.startedAt) throw new Error('an Engine runs one graph; create another for a second run');
    this.startedAt = performance.now();
    this.convergedTimeout = opts.convergedTimeout;
    this.view = graphView(graph);
    for (const node of graph.nodes.values()) this.vertices.set(node.key, this.newVertex(node));
    wire(this.vertices, graph);
    this.unsettled = this.vertices.size;
    this.hooks.started.call(graph);
    // Pending promises do not keep node alive; an agent with nothing to watch must still wait.
    this.keepAlive = setInterval(() => {}, 1 << 30);
    const done = new Promise<RunSummary>((resolve) => (this.finish = resolve));
    if (this.unsettled === 0) this.onSettled();
    for (const v of this.vertices.values()) if (v.deps.length === 0) this.schedule(v, 'start');
    return done;
  }

  /**
   * Replaces the running graph with a new one (a re-evaluated program, newly collected
   * resources). Unchanged vertices keep running untouched: no re-check, same watch and state.
   * Changed vertices are stopped (after any apply in flight finishes) and started again;
   * removed ones are stopped; new edges take effect at once. Swaps run one at a time.
   */
  swap(graph: EngineGraph): Promise<GraphDiff> {
    const next = this.swapping.then(() => this.doSwap(graph));
    this.swapping = next.then(() => undefined, () => undefined);
    return next;
  }

  private async doSwap(graph: EngineGraph): Promise<GraphDiff> {
    if (!this.startedAt) throw new Error('swap() needs a running engine: call run() first');
    const running = new Map([...this.vertices].map(([k, v]) => [k, v.node]));
    const diff = diffGraph(running, graph);
    const gone = [...diff.changed, ...diff.removed].map((k) => this.vertices.get(k)!);
    // Hold the graph unsettled while vertices are swapped, so no converged timeout fires mid-swap.
    this.unsettled++;
    for (const v of gone) {
      // From here on its status no longer counts: take its share out now, while it is known.
      if (!SETTLED.has(v.status)) this.unsettled--;
      v.stopped = true;
    }
    await Promise.all(gone.map((v) => v.stop(true)));
    for (const v of gone) this.vertices.delete(v.key);
    this.view = graphView(graph);
    const fresh = [...diff.changed, ...diff.added].map((k) => {
      const v = this.newVertex(graph.nodes.get(k)!);
      this.vertices.set(k, v);
      this.unsettled++;
      return v;
    });
    const receiving = new Map([...this.vertices].map(([k, v]) => [k, receiveKey(v)]));
    wire(this.vertices, graph);
    this.hooks.swapped.call(diff);
    this.setUnsettled(-1);
    for (const v of fresh) this.schedule(v, 'start');
    // A kept vertex that now receives other values (a send/recv edge added or removed) is
    // checked again with them, as its params changed.
    const isFresh = new Set(fresh);
    for (const [k, before] of receiving) {
      const v = this.vertices.get(k)!;
      if (!isFresh.has(v) && receiveKey(v) !== before) this.schedule(v, 'dependency');
    }
    return diff;
  }

  /** A new vertex owes the refresh an earlier run (or the vertex it replaces) left on disk. */
  private newVertex(node: Node): Vertex {
    const graph: GraphView = { resources: (kind) => this.view.resources(kind) };
    const locks = [...this.semas.for(node.meta.sema), ...(this.limit ? [this.limit] : [])];
    const o = this.opts;
    const v = new Vertex(node, o.log ?? silentLogger, o.hostname ?? 'localhost', o.noop ?? false, graph, new Pacer(node.meta, o.flap), locks);
    v.refreshPending = this.store?.has(node.key) ?? false;
    return v;
  }

  /** Stops every watch and timer, aborts in-flight work, and ends `run()`. Idempotent. */
  stop(): Promise<void> {
    this.stopPromise ??= this.shutdown();
    return this.stopPromise;
  }

  private async shutdown(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.convergedTimer);
    await this.swapping;
    await Promise.allSettled([...this.vertices.values()].map((v) => v.stop()));
    const summary = this.summary();
    await this.hooks.stopped.promise(summary);
    clearInterval(this.keepAlive);
    this.finish?.(summary);
  }

  private schedule(v: Vertex, cause: Cause): void {
    if (this.stopping || v.stopped) return;
    if (!v.dirty) {
      v.dirty = true;
      v.cause = cause;
    }
    if (v.busy) return; // the running loop sees `dirty` and goes round again
    v.processing = this.process(v);
  }

  private async process(v: Vertex): Promise<void> {
    v.busy = true;
    try {
      while (v.dirty && !this.stopping && !v.stopped) {
        const blocker = v.deps.find((d) => d.status !== 'converged');
        if (blocker) return this.hold(v, blocker);
        const awaited = awaitedValue(v, this.opts.noop ?? false);
        if (awaited) return this.awaitValue(v, describeReceive(v, awaited));
        this.setStatus(v, 'running');
        if (!v.watchStarted) await this.startWatch(v);
        await pace(v);
        if (this.stopping || v.stopped) return;
        const cause = v.cause;
        v.dirty = false;
        await this.step(v, cause);
      }
    } finally {
      v.busy = false;
    }
  }

  /** A dependency is not converged: wait for it, or say why we cannot go on. */
  private hold(v: Vertex, blocker: Vertex): void {
    if (blocker.status === 'failed' || blocker.status === 'blocked') {
      if (v.status === 'blocked') return;
      this.setStatus(v, 'blocked');
      this.hooks.blocked.call(v, blocker);
      for (const d of v.dependents) this.schedule(d, 'dependency');
    } else {
      this.setStatus(v, 'waiting');
    }
  }

  /**
   * A sender has converged but sent nothing yet: wait, as for an unconverged dependency. Its
   * first send re-checks this vertex. Said once per wait, so a user can tell why it waits.
   */
  private awaitValue(v: Vertex, what: string): void {
    if (v.awaiting !== what) v.ctx.log.info(`waiting for a value: ${what} (nothing sent yet)`);
    v.awaiting = what;
    this.setStatus(v, 'waiting');
  }

  private async step(v: Vertex, cause: Cause): Promise<void> {
    const noop = this.opts.noop ?? false;
    let result;
    v.sentChanged = false;
    try {
      const got = gather(v, noop);
      if (got.type === 'waiting') return this.awaitValue(v, describeReceive(v, got.on));
      v.awaiting = undefined;
      v.current = got.params;
      result = await checkApply(v, cause, this.hooks, noop, v.locks);
      if (v.refreshPending) await runRefresh(v, result === 'changed', noop, this.hooks, this.store, this.storeError);
    } catch (err) {
      if (this.stopping) return;
      if (v.retriesLeft !== 0) {
        v.retriesLeft--;
        await sleep(v.node.meta.delay, v.abort.signal);
        this.schedule(v, 'retry');
        return;
      }
      v.error = err instanceof Error ? err : new Error(String(err));
      this.setStatus(v, 'failed');
      this.hooks.failed.call(v, v.error);
      for (const d of v.dependents) this.schedule(d, 'dependency');
      return;
    }
    v.retriesLeft = v.node.meta.retry;
    v.error = undefined;
    recordRepair(v, cause, result, this.hooks);
    if (result === 'changed') await notifyTargets(v, this.store, this.storeError);
    if (result === 'noop') for (const n of v.notifies) this.hooks.noop.call(n, [`refresh (notified by ${v.key})`]);
    // New values sent re-check the receivers, like a notification but for values.
    const sent = v.sentChanged;
    v.sentChanged = false;
    const poke = v.dependents.filter((d) => result === 'changed' || d.status !== 'converged' || (sent && v.receivers.includes(d)));
    // Unsettle the dependents first, so the graph never looks converged between the two.
    for (const d of poke) if (SETTLED.has(d.status)) this.setStatus(d, 'waiting');
    if (!v.dirty) this.setStatus(v, 'converged');
    for (const d of poke) this.schedule(d, 'dependency');
  }

  private startWatch(v: Vertex): Promise<void> {
    return startWatch(v, {
      event: (reason) => this.onEvent(v, reason),
      error: (err) => this.onWatchError(v, err),
    });
  }

  private onEvent(v: Vertex, reason: string): void {
    if (this.stopping || v.stopped) return;
    this.hooks.event.call(v, reason);
    if (v.status === 'failed') v.retriesLeft = v.node.meta.retry;
    this.schedule(v, reason === 'poll' ? 'poll' : 'watch');
  }

  /** A broken watch is restarted with backoff; the vertex is re-checked when it is back. */
  private onWatchError(v: Vertex, err: Error): void {
    if (this.stopping || v.stopped) return;
    restartWatchLater(v, err, this.hooks, () => this.schedule(v, 'retry'));
  }

  private setStatus(v: Vertex, status: VertexStatus): void {
    const was = SETTLED.has(v.status);
    const is = SETTLED.has(status);
    v.status = status;
    if (was !== is && !v.stopped) this.setUnsettled(was ? 1 : -1);
  }

  private setUnsettled(delta: number): void {
    this.unsettled += delta;
    if (this.unsettled === 0) this.onSettled();
    else if (delta > 0 && this.unsettled === delta) clearTimeout(this.convergedTimer);
  }

  private onSettled(): void {
    this.hooks.converged.call(this.summary());
    if (this.convergedTimeout === undefined || this.stopping) return;
    clearTimeout(this.convergedTimer);
    this.convergedTimer = setTimeout(() => void this.stop(), this.convergedTimeout * 1000);
  }
}
