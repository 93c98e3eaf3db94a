import type { CompileResult, CollectedResource } from '@mgmt/lang';
import { diffGraph, stableJson, type Engine, type EngineGraph, type GraphDiff, type World } from '@mgmt/engine';
import type { Diagnostic, Logger } from '@mgmt/resource';
import { FileInputs } from './inputs.js';

/** What the loop needs from the program and the engine. */
export interface ReactiveDeps {
  /** Reads and compiles the program with this snapshot of collected resources. */
  compile(collected: readonly CollectedResource[]): Promise<CompileResult>;
  /** Builds the engine graph of a compiled program (`engine.build`). */
  build(result: CompileResult): { graph?: EngineGraph; diagnostics: Diagnostic[] };
  /** One diagnostic as text, for the log. */
  render(d: Diagnostic, sources: ReadonlyMap<string, string>): string;
  readonly world: World;
  readonly hostname: string;
  readonly log: Logger;
  /** Input changes within this many ms make one re-evaluation (default 50). */
  readonly debounceMs?: number;
  /**
   * The same for changes of the world alone (default 10): a world delivers a whole change at
   * once (etcd: one transaction in one watch response), unlike an editor that writes a file in
   * several steps, so a short wait is enough to take in every kind it touched, and each
   * collector's wait is part of how long an export takes to reach it.
   */
  readonly worldDebounceMs?: number;
  /** The clock's period for `datetime.now()` (default 1000 ms). */
  readonly clockMs?: number;
  /**
   * How long the first evaluation waits for the world to show this host's own exports (an
   * etcd world shows them when its watch delivers them, a moment after the write). Default 2000 ms.
   */
  readonly echoMs?: number;
}

type Reason = 'world' | 'file' | 'clock';

const FIRST_ROUNDS = 5;

/**
 * The reactive agent: keeps a running program in step with its inputs. It publishes the
 * program's exports to the world, subscribes to the kinds it collects, watches the files it
 * read with `file.read` and ticks the clock when it called `datetime.now()`. Any change
 * re-evaluates the program (changes within `debounceMs`, or `worldDebounceMs` for the world
 * alone, coalesce): a program that now has an error is logged and the last good graph keeps
 * running; a good one is swapped in (`engine.swap`), which restarts only the vertices that
 * changed.
 */
export class ReactiveLoop {
  private readonly collected = new Map<string, readonly CollectedResource[]>();
  private readonly subscriptions = new Map<string, () => void>();
  private readonly files: FileInputs;
  private clock: NodeJS.Timeout | undefined;
  private timer: NodeJS.Timeout | undefined;
  private reasons = new Set<Reason>();
  private chain: Promise<void> = Promise.resolve();
  private engine: Engine | undefined;
  private graph: EngineGraph | undefined;
  private stopped = false;
  /** The collected snapshot (as stable JSON) the current result was compiled with. */
  private compiledWith = '[]';
  /** The exports last published, as stable JSON: the same set is not written again. */
  private published: string | undefined;
  /** Woken by every collect snapshot (the first evaluation waits on them). */
  private readonly snapshotWaiters = new Set<() => void>();
  /** Re-evaluations so far (after the first), for tests and logs. */
  evaluations = 0;

  constructor(private readonly deps: ReactiveDeps) {
    this.files = new FileInputs((path) => this.schedule('file', path), deps.log);
  }

  /** Whether a compiled program needs the loop at all: it collects or read reactive inputs. */
  static needed(result: CompileResult): boolean {
    return result.collects.length > 0 || result.inputs.files.length > 0 || result.inputs.clock;
  }

  /** Every collected resource now, sorted by kind, host and name. */
  snapshot(): CollectedResource[] {
    return [...this.collected.keys()].sort().flatMap((k) => this.collected.get(k)!);
  }

  /**
   * The first evaluation: compile, publish the exports, subscribe to the collected kinds, and
   * compile again while that changed what is collected (this host's own exports, say), up to
   * 5 times, so the first graph already holds what the world has.
   */
  async first(): Promise<CompileResult> {
    let result = await this.compile([]);
    for (let round = 1; round < FIRST_ROUNDS && result.graph; round++) {
      await this.publish(result.exports);
      this.subscribe(result.collects);
      await this.echo(result);
      if (stableJson(this.snapshot()) === this.compiledWith) break;
      result = await this.compile(this.snapshot());
    }
    return result;
  }

  /** Starts watching the inputs of `result`, whose graph `engine` is running. */
  start(engine: Engine, graph: EngineGraph, result: CompileResult): void {
    this.engine = engine;
    this.graph = graph;
    this.subscribe(result.collects);
    this.watchInputs(result);
    // Snapshots that came after the last compile and before the engine was there to swap
    // into (an etcd world delivers them asynchronously) would otherwise wait for the next change.
    if (stableJson(this.snapshot()) !== this.compiledWith) this.schedule('world', 'the world, during start-up');
  }

  /** Stops every watch, timer and subscription, and withdraws this host's exports. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    clearTimeout(this.timer);
    clearInterval(this.clock);
    this.files.close();
    for (const unsubscribe of this.subscriptions.values()) unsubscribe();
    this.subscriptions.clear();
    await this.chain;
    this.published = undefined;
    await this.publish([]);
  }

  private compile(collected: readonly CollectedResource[]): Promise<CompileResult> {
    this.compiledWith = stableJson(collected);
    return this.deps.compile(collected);
  }

  /**
   * Publishes this host's exports, unless they are what was published last: every agent
   * re-evaluates when what it collects changes, and re-writing an unchanged set would make
   * the world tell every collector again. A refusal (a size cap, etcd's access control) is
   * logged; the program still runs here.
   */
  private async publish(exports: CompileResult['exports']): Promise<void> {
    const text = stableJson(exports);
    if (text === this.published) return;
    try {
      await this.deps.world.export(this.deps.hostname, exports);
      this.published = text;
    } catch (err) {
      this.published = undefined;
      this.deps.log.error(`cannot publish this host's exports: ${(err as Error).message}`, { event: 'world' });
    }
  }

  /**
   * Waits (up to `echoMs`) until the world shows this host's own exports of the kinds it
   * collects, so the first graph already has them, even in a run that exits once converged.
   */
  private async echo(result: CompileResult): Promise<void> {
    const kinds = new Set(result.collects);
    const own = result.exports.filter((e) => kinds.has(e.kind) && (!e.to || e.to.includes(this.deps.hostname)));
    if (own.length === 0) return;
    const want = new Set(own.map((e) => stableJson({ kind: e.kind, name: e.name, params: e.params })));
    const visible = (): boolean => {
      const seen = new Set(this.snapshot().filter((c) => c.host === this.deps.hostname).map((c) => stableJson({ kind: c.kind, name: c.name, params: c.params })));
      return [...want].every((w) => seen.has(w));
    };
    const deadline = Date.now() + (this.deps.echoMs ?? 2000);
    while (!visible() && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, deadline - Date.now());
        function done(): void {
          clearTimeout(timer);
          resolve();
        }
        this.snapshotWaiters.add(done);
      });
    }
    this.snapshotWaiters.clear();
  }

  private subscribe(kinds: readonly string[]): void {
    for (const kind of kinds) {
      if (this.subscriptions.has(kind)) continue;
      const unsubscribe = this.deps.world.collect(kind).subscribe((snapshot) => {
        this.collected.set(kind, snapshot);
        for (const wake of [...this.snapshotWaiters]) wake();
        if (this.engine) this.schedule('world', kind);
      });
      this.subscriptions.set(kind, unsubscribe);
    }
  }

  private watchInputs(result: CompileResult): void {
    if (this.stopped) return;
    this.files.set(result.inputs.files);
    if (result.inputs.clock && !this.clock) {
      this.clock = setInterval(() => this.schedule('clock', 'clock'), this.deps.clockMs ?? 1000);
      this.clock.unref();
    } else if (!result.inputs.clock && this.clock) {
      clearInterval(this.clock);
      this.clock = undefined;
    }
  }

  private schedule(reason: Reason, what: string): void {
    if (this.stopped || !this.engine) return;
    if (reason !== 'clock') this.deps.log.debug(`input changed: ${what}`, { event: 'input', reason });
    this.reasons.add(reason);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const reasons = this.reasons;
      this.reasons = new Set();
      // One evaluation at a time; what changes meanwhile is picked up by the next.
      this.chain = this.chain.then(() => this.reevaluate(reasons)).catch((err: unknown) => {
        this.deps.log.error(`re-evaluation failed: ${(err as Error).message}`, { event: 'reevaluate' });
      });
    }, this.reasons.size === 1 && this.reasons.has('world') ? (this.deps.worldDebounceMs ?? 10) : (this.deps.debounceMs ?? 50));
  }

  private async reevaluate(reasons: ReadonlySet<Reason>): Promise<void> {
    if (this.stopped || !this.engine || !this.graph) return;
    const engine = this.engine;
    this.evaluations++;
    const onlyClock = reasons.size === 1 && reasons.has('clock');
    const result = await this.compile(this.snapshot());
    if (this.stopped) return;
    // Watch what this evaluation used, even when it failed: fixing the input must be seen.
    this.watchInputs(result);
    this.subscribe(result.collects);
    const built = result.graph ? this.deps.build(result) : undefined;
    if (!built?.graph) {
      const diagnostics = built ? built.diagnostics : result.diagnostics;
      const errors = diagnostics.filter((d) => d.severity === 'error');
      this.deps.log.error(`the program has ${errors.length} error${errors.length === 1 ? '' : 's'} after ${[...reasons].join(', ')} changed; the last good graph keeps running`, {
        event: 'invalid',
        errors: errors.map((d) => d.code),
      });
      for (const d of errors) this.deps.log.error(this.deps.render(d, result.sources), { event: 'invalid', code: d.code });
      // An evaluation is activity for --converged-timeout: swapping the same graph says so.
      if (!onlyClock) await engine.swap(this.graph);
      return;
    }
    await this.publish(result.exports);
    if (onlyClock && isEmpty(diffGraph(this.graph.nodes, built.graph))) return; // a tick that changed nothing is not activity
    if (this.stopped) return;
    const diff = await engine.swap(built.graph);
    this.graph = built.graph;
    this.deps.log.info(swapText(diff), { event: 'swap', changed: diff.changed, added: diff.added, removed: diff.removed, kept: diff.kept.length });
  }
}

const isEmpty = (d: GraphDiff): boolean => d.changed.length + d.added.length + d.removed.length === 0;

function swapText(d: GraphDiff): string {
  const list = (keys: readonly string[]) => (keys.length ? ` (${keys.join(', ')})` : '');
  return `re-evaluated: ${d.changed.length} changed${list(d.changed)}, ${d.added.length} added${list(d.added)}, ${d.removed.length} removed${list(d.removed)}, ${d.kept.length} kept`;
}
