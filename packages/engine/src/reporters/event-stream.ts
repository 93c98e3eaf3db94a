import type { ChangeDetail } from '@mgmt/resource';
import type { Engine } from '../executor/engine.js';
import type { Cause } from '../hooks.js';
import type { VertexView } from '../types.js';
import { redactorOf } from './redaction.js';

const TAP = '@mgmt/engine:event-stream';

/** What happened to a vertex. `skipped`: not run because a dependency failed or is blocked. */
export type StreamEventName = 'checked' | 'changed' | 'failed' | 'refreshed' | 'skipped' | 'noop';

/** One line of the event stream. */
export interface StreamEvent {
  /** ISO 8601 time of the transition. */
  readonly ts: string;
  readonly host: string;
  readonly kind: string;
  readonly name: string;
  readonly event: StreamEventName;
  /** Why the vertex's last check ran (`start` before its first one). */
  readonly cause: Cause;
  /** What changed (`changed`), would change (`noop`) or is drifted (`checked`). */
  readonly changes?: readonly string[];
  /**
   * The same changes in structured form, when the kind gives them: `{ param, from?, to?,
   * diff? }` with `diff` a unified diff. Values of secret params are `"(secret)"`.
   */
  readonly details?: readonly ChangeDetail[];
  readonly ms?: number;
  /** The error message (`failed`), or why the vertex was skipped (`skipped`). */
  readonly error?: string;
  /** `skipped`: the dependency that failed or is blocked. */
  readonly blocker?: string;
}

export interface EventStreamOptions {
  /** The `host` field of every line (default `localhost`). */
  readonly host?: string;
  /** Also write one `checked` line per check (off by default: large runs check a lot). */
  readonly checks?: boolean;
}

/** Anything with a `write(string)`: a file stream, `process.stdout`, a test buffer. */
export interface LineSink {
  write(chunk: string): unknown;
}

/**
 * Writes one JSON object per line for each resource transition: changed, failed, refreshed,
 * skipped, noop and, when asked for, checked. The sink is not closed: its owner ends it after
 * the run. Values of the kind's secret params are redacted from changes, details and errors.
 */
export function eventStream(engine: Engine, out: LineSink, opts: EventStreamOptions = {}): void {
  const h = engine.hooks;
  const host = opts.host ?? 'localhost';
  const causes = new Map<string, Cause>();
  const emit = (v: VertexView, event: StreamEventName, extra: Partial<StreamEvent> = {}): void => {
    const line: StreamEvent = { ts: new Date().toISOString(), host, kind: v.kind, name: v.name, event, cause: causes.get(v.key) ?? 'start', ...extra };
    out.write(JSON.stringify(line) + '\n');
  };
  const ms = (n: number) => Math.round(n * 1000) / 1000;
  /** Redacted `changes` and, when there are any, `details`. */
  const what = (v: VertexView, changes: readonly string[], details: readonly ChangeDetail[] | undefined): Partial<StreamEvent> => {
    const r = redactorOf(v);
    return { changes: r.changes(changes), ...(details && details.length > 0 ? { details: r.details(details) } : {}) };
  };

  h.beforeCheck.tap(TAP, (v, cause) => void causes.set(v.key, cause));
  if (opts.checks) {
    h.afterCheck.tap(TAP, (v, o) => emit(v, 'checked', { ...(o.ok ? {} : what(v, o.changes, o.details)), ms: ms(o.ms) }));
  }
  h.afterApply.tap(TAP, (v, o) => emit(v, 'changed', { ...what(v, o.changes, o.details), ms: ms(o.ms) }));
  h.noop.tap(TAP, (v, changes, details) => emit(v, 'noop', what(v, changes, details)));
  h.refreshed.tap(TAP, (v) => emit(v, 'refreshed'));
  h.failed.tap(TAP, (v, err) => emit(v, 'failed', { error: redactorOf(v).text(err.message) }));
  h.blocked.tap(TAP, (v, blocker) => {
    const why = `depends on ${blocker.key}, which ${blocker.status === 'failed' ? 'failed' : 'is blocked'}`;
    emit(v, 'skipped', { error: why, blocker: blocker.key });
  });
  h.swapped.tap(TAP, (diff) => {
    for (const key of [...diff.changed, ...diff.removed]) causes.delete(key);
  });
}
