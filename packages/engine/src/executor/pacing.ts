import { performance } from 'node:perf_hooks';
import type { Metaparams } from '@mgmt/resource';
import type { Cause, EngineHooks } from '../hooks.js';
import type { StepResult } from './check-apply.js';
import { sleep } from './semaphore.js';
import type { Vertex } from './vertex.js';

/** When a vertex counts as flapping: more than `repairs` repairs within `seconds`. */
export interface FlapOptions {
  /** Default 10. */
  readonly repairs?: number;
  /** Default 60. */
  readonly seconds?: number;
  /** The first backoff, in seconds, doubled per further repair up to 60 s. Default 1. */
  readonly backoff?: number;
}

const MAX_BACKOFF_MS = 60_000;

/**
 * How long a vertex waits before it processes an event: `Meta:limit`/`Meta:burst` (a token
 * bucket) and flap backoff. Events that arrive while it waits coalesce into the one check.
 */
export class Pacer {
  private tokens: number;
  private refilledAt = 0;
  private readonly repairs: number[] = [];
  private backoffMs = 0;
  private readonly maxRepairs: number;
  private readonly windowMs: number;
  private readonly firstBackoffMs: number;

  constructor(
    private readonly meta: Pick<Metaparams, 'limit' | 'burst'>,
    flap: FlapOptions = {},
  ) {
    this.tokens = meta.burst;
    this.maxRepairs = flap.repairs ?? 10;
    this.windowMs = (flap.seconds ?? 60) * 1000;
    this.firstBackoffMs = (flap.backoff ?? 1) * 1000;
  }

  /** Takes a token for one event and says how many ms to wait first (0: go now). */
  delay(now: number): number {
    this.expire(now);
    if (this.repairs.length <= this.maxRepairs) this.backoffMs = 0; // calm for a window: no more backoff
    let wait = this.backoffMs;
    const { limit, burst } = this.meta;
    if (limit > 0) {
      if (this.refilledAt) this.tokens = Math.min(burst, this.tokens + ((now - this.refilledAt) / 1000) * limit);
      this.refilledAt = now;
      this.tokens--;
      // In debt: the token is taken now, and paid back by waiting for its refill.
      if (this.tokens < 0) wait = Math.max(wait, (-this.tokens / limit) * 1000);
    }
    return wait;
  }

  /**
   * Records a repair (an apply caused by an event). Returns the repairs within the window
   * when they are more than allowed: the vertex is flapping and its backoff has doubled.
   * A window without too many repairs ends the backoff.
   */
  repaired(now: number): number | undefined {
    this.expire(now);
    this.repairs.push(now);
    if (this.repairs.length <= this.maxRepairs) {
      this.backoffMs = 0;
      return undefined;
    }
    this.backoffMs = Math.min(MAX_BACKOFF_MS, this.backoffMs ? this.backoffMs * 2 : this.firstBackoffMs);
    return this.repairs.length;
  }

  private expire(now: number): void {
    while (this.repairs.length > 0 && now - this.repairs[0]! > this.windowMs) this.repairs.shift();
  }
}

/** Events (not a start, a dependency or a retry) are what `Meta:limit` and flap backoff pace. */
const isEvent = (cause: Cause): boolean => cause === 'watch' || cause === 'poll';

/**
 * Waits as long as the vertex's pacing asks before it processes an event. Events that
 * arrive meanwhile only mark it dirty again: they coalesce into the check that follows.
 * Resolves at once when the vertex stops.
 */
export async function pace(v: Vertex): Promise<void> {
  if (!isEvent(v.cause)) return;
  const ms = v.pacer.delay(performance.now());
  if (ms > 0) await sleep(ms, v.abort.signal);
}

/** After a step: an apply caused by an event is a repair; too many of them is flapping. */
export function recordRepair(v: Vertex, cause: Cause, result: StepResult, hooks: EngineHooks): void {
  if (result !== 'changed' || !isEvent(cause)) return;
  const count = v.pacer.repaired(performance.now());
  if (count !== undefined) hooks.flapping.call(v, count);
}
