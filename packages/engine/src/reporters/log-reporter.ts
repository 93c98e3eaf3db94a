import type { ChangeDetail, Logger, Origin } from '@mgmt/resource';
import type { Engine } from '../executor/engine.js';
import type { VertexView } from '../types.js';
import { diffBlocks, redactorOf } from './redaction.js';

const TAP = '@mgmt/engine:log';

const lineStarts = new Map<string, number[]>();

/** Offsets where each line of a source starts, computed once per source text. */
function starts(source: string): number[] {
  let list = lineStarts.get(source);
  if (!list) {
    list = [0];
    for (let i = source.indexOf('\n'); i !== -1; i = source.indexOf('\n', i + 1)) list.push(i + 1);
    lineStarts.set(source, list);
  }
  return list;
}

/** `file.mcl:3:1`, computed from the origin's source text when it is there. */
export function originText(origin: Origin | undefined): string | undefined {
  if (!origin) return undefined;
  if (origin.source === undefined) return origin.file;
  const list = starts(origin.source);
  let lo = 0;
  let hi = list.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (list[mid]! <= origin.span.start) lo = mid;
    else hi = mid - 1;
  }
  return `${origin.file}:${lo + 1}:${origin.span.start - list[lo]! + 1}`;
}

const where = new WeakMap<VertexView, string | undefined>();
const fields = (v: VertexView) => {
  if (!where.has(v)) where.set(v, originText(v.origin));
  return { resource: v.key, plugin: v.plugin, at: where.get(v) };
};

/**
 * A change report: the change lines, then each detail's diff indented below, with the
 * vertex's secret params redacted. The (redacted) details also go in the fields.
 */
function report(v: VertexView, head: string, changes: readonly string[], details: readonly ChangeDetail[] | undefined, tail: string) {
  const r = redactorOf(v);
  const shown = details && details.length > 0 ? r.details(details) : undefined;
  const lines = [`${v.key}: ${head}${r.changes(changes).join(', ')}${tail}`, ...diffBlocks(shown)];
  return { message: lines.join('\n'), details: shown };
}

/** Events, checks and apply starts: one line per check, so only tapped when asked for. */
function debugTaps(engine: Engine, log: Logger): void {
  const h = engine.hooks;
  h.event.tap(TAP, (v, reason) => log.debug(`${v.key}: event (${reason})`, fields(v)));
  h.afterCheck.tapPromise(TAP, async (v, o) => {
    log.debug(`${v.key}: checked in ${o.ms.toFixed(1)} ms, ${o.ok ? 'ok' : redactorOf(v).changes(o.changes).join(', ')}`, fields(v));
  });
  h.beforeApply.tapPromise(TAP, async (v, changes) => {
    log.debug(`${v.key}: applying: ${redactorOf(v).changes(changes).join(', ')}`, { ...fields(v), event: 'applying' });
    return undefined;
  });
}

/**
 * Logs the run's life cycle through the engine's hooks: applies and noop reports at info,
 * failures at error; with `debug`, events and checks too. This is how the CLI prints a run.
 * A change report is its change lines, then the unified diff of each detail that has one,
 * indented by four spaces (`details` also in the fields). Values of the kind's secret params
 * are redacted from every line (`"(secret)"`), error messages included.
 */
export function logReporter(engine: Engine, log: Logger, opts: { debug?: boolean } = {}): void {
  const h = engine.hooks;
  if (opts.debug) debugTaps(engine, log);
  h.afterApply.tapPromise(TAP, async (v, o) => {
    const { message, details } = report(v, '', o.changes, o.details, ` (${o.ms.toFixed(0)} ms)`);
    log.info(message, { ...fields(v), event: 'changed', ms: o.ms, ...(details ? { details } : {}) });
  });
  h.noop.tap(TAP, (v, changes, d) => {
    const { message, details } = report(v, 'would ', changes, d, ' (noop)');
    log.info(message, { ...fields(v), event: 'noop', ...(details ? { details } : {}) });
  });
  h.refreshed.tap(TAP, (v) => log.info(`${v.key}: refreshed`, { ...fields(v), event: 'refreshed' }));
  h.failed.tap(TAP, (v, err) => {
    log.error(`[${v.plugin}] ${v.key}: ${redactorOf(v).text(err.message)}`, { ...fields(v), event: 'failed' });
  });
  h.flapping.tap(TAP, (v, count) => {
    log.warn(`${v.key}: repaired ${count} times recently: something else keeps changing it; backing off`, { ...fields(v), event: 'flapping', count });
  });
  h.blocked.tap(TAP, (v, blocker) => {
    const why = blocker.status === 'failed' ? 'which failed' : 'which is blocked';
    log.warn(`${v.key}: not run: it depends on ${blocker.key}, ${why}`, { ...fields(v), event: 'skipped', blocker: blocker.key });
  });
  h.converged.tap(TAP, (s) => {
    const parts = [`${s.converged}/${s.total} converged`];
    if (s.failed) parts.push(`${s.failed} failed`);
    if (s.blocked) parts.push(`${s.blocked} blocked`);
    log.info(`graph settled: ${parts.join(', ')} in ${(s.elapsedMs / 1000).toFixed(2)} s`, { event: 'converged', ...s });
  });
}
