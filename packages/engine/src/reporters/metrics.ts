import type { Engine } from '../executor/engine.js';
import type { Cause } from '../hooks.js';
import type { VertexStatus } from '../types.js';

const TAP = '@mgmt/engine:metrics';

/** Upper bounds, in seconds, of the duration histograms' buckets. */
export const DURATION_BUCKETS: readonly number[] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
const STATUSES: readonly VertexStatus[] = ['waiting', 'running', 'converged', 'failed', 'blocked'];

/** A label value in the Prometheus text format: backslash, quote and newline escaped. */
const label = (s: string): string => s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

class Histogram {
  readonly counts = DURATION_BUCKETS.map(() => 0);
  count = 0;
  sum = 0;
  observe(seconds: number): void {
    this.count++;
    this.sum += seconds;
    for (let i = 0; i < DURATION_BUCKETS.length; i++) if (seconds <= DURATION_BUCKETS[i]!) this.counts[i]!++;
  }
  lines(name: string, labels: string): string[] {
    const sep = labels ? `${labels},` : '';
    const out = DURATION_BUCKETS.map((le, i) => `${name}_bucket{${sep}le="${le}"} ${this.counts[i]}`);
    out.push(`${name}_bucket{${sep}le="+Inf"} ${this.count}`);
    const own = labels ? `{${labels}}` : '';
    out.push(`${name}_sum${own} ${this.sum}`, `${name}_count${own} ${this.count}`);
    return out;
  }
}

const bump = (m: Map<string, number>, kind: string): void => void m.set(kind, (m.get(kind) ?? 0) + 1);

/** The run's metrics, kept by taps on the engine's hooks and rendered on demand. */
export interface Metrics {
  /** The Prometheus text exposition format (version 0.0.4). */
  render(): string;
}

/**
 * Counts checks, applies, failures and events by kind, times applies, and times drift repair:
 * from a watch event to the end of the apply it caused. Resources by status are read from the
 * engine when rendered.
 */
export function metricsReporter(engine: Engine): Metrics {
  const h = engine.hooks;
  const checks = new Map<string, number>();
  const applies = new Map<string, number>();
  const failures = new Map<string, number>();
  const events = new Map<string, number>();
  const applyTime = new Map<string, Histogram>();
  const repair = new Histogram();
  const keys = new Set<string>();
  /** Per vertex: the first watch event not yet taken up by a check, and the one being repaired. */
  const pendingEvent = new Map<string, number>();
  const repairing = new Map<string, { cause: Cause; since: number | undefined }>();

  h.started.tap(TAP, (graph) => {
    for (const key of graph.nodes.keys()) keys.add(key);
  });
  h.swapped.tap(TAP, (diff) => {
    for (const key of diff.removed) keys.delete(key);
    for (const key of diff.added) keys.add(key);
  });
  h.event.tap(TAP, (v, reason) => {
    bump(events, v.kind);
    if (reason !== 'poll' && !pendingEvent.has(v.key)) pendingEvent.set(v.key, performance.now());
  });
  h.beforeCheck.tap(TAP, (v, cause) => {
    bump(checks, v.kind);
    repairing.set(v.key, { cause, since: pendingEvent.get(v.key) });
    pendingEvent.delete(v.key);
  });
  h.afterApply.tap(TAP, (v, o) => {
    bump(applies, v.kind);
    let hist = applyTime.get(v.kind);
    if (!hist) applyTime.set(v.kind, (hist = new Histogram()));
    hist.observe(o.ms / 1000);
    const r = repairing.get(v.key);
    if (r?.cause === 'watch' && r.since !== undefined) repair.observe((performance.now() - r.since) / 1000);
  });
  h.failed.tap(TAP, (v) => bump(failures, v.kind));

  const counter = (name: string, help: string, m: Map<string, number>): string[] => [
    `# HELP ${name} ${help}`,
    `# TYPE ${name} counter`,
    ...[...m].sort(([a], [b]) => a.localeCompare(b)).map(([kind, n]) => `${name}{kind="${label(kind)}"} ${n}`),
  ];
  const render = (): string => {
    const byStatus = new Map<VertexStatus, number>(STATUSES.map((s) => [s, 0]));
    for (const key of keys) {
      const status = engine.vertex(key)?.status;
      if (status) byStatus.set(status, byStatus.get(status)! + 1);
    }
    const lines = [
      ...counter('mgmt_checks_total', 'Checks started, by kind.', checks),
      ...counter('mgmt_applies_total', 'Applies that returned, by kind.', applies),
      ...counter('mgmt_failures_total', 'Vertex failures (after retries) and broken watches, by kind.', failures),
      ...counter('mgmt_events_total', 'Watch and poll events, by kind.', events),
      '# HELP mgmt_resources Resources in the running graph, by status.',
      '# TYPE mgmt_resources gauge',
      ...STATUSES.map((s) => `mgmt_resources{status="${s}"} ${byStatus.get(s)}`),
      '# HELP mgmt_apply_duration_seconds How long applies took, by kind.',
      '# TYPE mgmt_apply_duration_seconds histogram',
      ...[...applyTime]
        .sort(([a], [b]) => a.localeCompare(b))
        .flatMap(([kind, hist]) => hist.lines('mgmt_apply_duration_seconds', `kind="${label(kind)}"`)),
      '# HELP mgmt_drift_repair_seconds Time from a watch event to the end of the apply it caused.',
      '# TYPE mgmt_drift_repair_seconds histogram',
      ...repair.lines('mgmt_drift_repair_seconds', ''),
    ];
    return lines.join('\n') + '\n';
  };
  return { render };
}
