import type { Engine } from '@mgmt/engine';

const TAP = '@mgmt/cli:apply-stats';

export interface ApplyStats {
  applies: number;
  failures: number;
  /** The slowest applies of the run, slowest first (at most `keep`). */
  readonly slowest: { resource: string; ms: number }[];
  /** Vertices with an apply that returned or, in noop, a change it would have made. */
  readonly changed: Set<string>;
}

/** Counts applies and failures and keeps the slowest applies, for the summary at exit. */
export function applyStats(engine: Engine, keep = 3): ApplyStats {
  const stats: ApplyStats = { applies: 0, failures: 0, slowest: [], changed: new Set() };
  engine.hooks.afterApply.tap(TAP, (v, o) => {
    stats.applies++;
    stats.changed.add(v.key);
    const top = stats.slowest;
    if (top.length === keep && o.ms <= top[keep - 1]!.ms) return;
    top.push({ resource: v.key, ms: Math.round(o.ms) });
    top.sort((a, b) => b.ms - a.ms);
    if (top.length > keep) top.pop();
  });
  engine.hooks.noop.tap(TAP, (v) => void stats.changed.add(v.key));
  engine.hooks.failed.tap(TAP, () => void stats.failures++);
  return stats;
}

const duration = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms} ms`);

/** `2 applies, 1 failure; slowest: exec[a] 1.20 s, file[/x] 3 ms`. */
export function statsText(s: ApplyStats): string {
  const text = `${s.applies} ${s.applies === 1 ? 'apply' : 'applies'}, ${s.failures} ${s.failures === 1 ? 'failure' : 'failures'}`;
  if (!s.slowest.length) return text;
  return `${text}; slowest: ${s.slowest.map((a) => `${a.resource} ${duration(a.ms)}`).join(', ')}`;
}
