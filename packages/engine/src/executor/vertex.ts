import { secretParams, type GraphView, type Logger, type ResourceContext, type StopWatch, type WatchContext } from '@mgmt/resource';
import type { Node } from '../graph/engine-graph.js';
import type { Cause } from '../hooks.js';
import type { VertexStatus, VertexView } from '../types.js';
import type { Pacer } from './pacing.js';
import type { Semaphore } from './semaphore.js';
import { stableJson } from '../util/stable-json.js';

/** One param this vertex receives: `from`'s output `send` becomes its param `recv`. */
export interface Receive {
  readonly from: Vertex;
  readonly send: string;
  readonly recv: string;
}

/** One running resource: the node it came from plus its mutable run state. */
export class Vertex implements VertexView {
  status: VertexStatus = 'waiting';
  error?: Error;
  checks = 0;
  applies = 0;
  /** A check is owed: set by events, cleared when a check starts. */
  dirty = true;
  /** Why the owed check is owed. */
  cause: Cause = 'start';
  /** A notifying dependency changed something (or did before a restart): refresh is owed. */
  refreshPending = false;
  /** True while the vertex's process loop is running. */
  busy = false;
  /** The process loop in flight, if any: a swap waits for it before replacing the vertex. */
  processing?: Promise<void>;
  /** Removed from the graph (or the engine stopped): it takes no more events. */
  stopped = false;
  /** The vertex changed (or in noop, would have) at least once in this run. */
  changed = false;
  retriesLeft: number;
  watchStop?: StopWatch;
  watchStarted = false;
  watchFailures = 0;
  pollTimer?: NodeJS.Timeout;
  readonly deps: Vertex[] = [];
  readonly dependents: Vertex[] = [];
  readonly notifies: Vertex[] = [];
  /** The params it receives over send/recv edges, and the vertices it sends to. */
  readonly receives: Receive[] = [];
  readonly receivers: Vertex[] = [];
  /** The last values this vertex sent (`ctx.send`), parsed by its kind's `sends`; none yet: undefined. */
  sent?: Readonly<Record<string, unknown>>;
  /** It sent values different from the last during the current step: its receivers are re-checked. */
  sentChanged = false;
  /** The send/recv pair it waits on for a first value, once said in the log. */
  awaiting?: string | undefined;
  /** The params of the next check: the node's, with the values received over send/recv. */
  current: Readonly<Record<string, unknown>>;
  readonly abort = new AbortController();
  readonly ctx: ResourceContext<Record<string, unknown>, unknown>;

  constructor(
    readonly node: Node,
    log: Logger,
    hostname: string,
    readonly noop: boolean,
    graph: GraphView,
    /** Paces its events: `Meta:limit`/`Meta:burst` and flap backoff. */
    readonly pacer: Pacer,
    /** Held around each check and apply: `Meta:sema` semaphores, then the global limit. */
    readonly locks: readonly Semaphore[],
  ) {
    this.retriesLeft = node.meta.retry;
    this.current = node.params;
    const self = this;
    this.ctx = {
      kind: node.kind,
      name: node.name,
      // A getter: received values replace params between checks, in this one context.
      get params() {
        return self.current;
      },
      log: log.child({ resource: node.key }),
      signal: this.abort.signal,
      hostname,
      noop,
      graph,
      state: node.def.state?.(),
      send: (values) => this.publish(values),
    };
  }

  /** `ctx.send`: validates the values, and marks them new when they differ from the last. */
  private publish(values: unknown): void {
    const schema = this.node.def.sends;
    if (!schema) throw new Error(`kind \`${this.kind}\` sends nothing: it declares no \`sends\` schema`);
    const parsed = schema.safeParse(values);
    if (!parsed.success) {
      throw new Error(`sent invalid values: ${parsed.error.issues.map((i) => `${i.path.map(String).join('.') || '(values)'}: ${i.message}`).join('; ')}`);
    }
    if (this.sent !== undefined && stableJson(this.sent) === stableJson(parsed.data)) return;
    this.sent = parsed.data;
    this.sentChanged = true;
  }

  get key(): string {
    return this.node.key;
  }
  get kind(): string {
    return this.node.kind;
  }
  get name(): string {
    return this.node.name;
  }
  get plugin(): string {
    return this.node.plugin;
  }
  /** The params as the last check saw them: received values included. */
  get params(): Readonly<Record<string, unknown>> {
    return this.current;
  }
  get secrets(): ReadonlySet<string> {
    return secretParams(this.node.def);
  }
  get origin() {
    return this.node.origin;
  }

  /**
   * Stops this vertex: no new events, its watch and timers closed. On shutdown its work in
   * flight is aborted; in a swap (`patient`) an apply in flight is let finish first, so a
   * swap never leaves a half-done change behind.
   */
  async stop(patient = false): Promise<void> {
    this.stopped = true;
    clearInterval(this.pollTimer);
    if (patient) await this.processing;
    this.abort.abort();
    const stop = this.watchStop;
    this.watchStop = undefined;
    await Promise.allSettled([Promise.resolve().then(stop), this.processing]);
  }

  /** The context for `watch`, wired to the engine's event and error handlers. */
  watchContext(event: (reason: string) => void, error: (err: Error) => void): WatchContext<Record<string, unknown>, unknown> {
    const ctx = this.ctx;
    return {
      ...ctx,
      get params() {
        return ctx.params;
      },
      event: (reason = 'watch') => event(reason),
      error,
    };
  }
}
