import type { Logger, Origin } from '@mgmt/resource';
import type { Engine } from '../executor/engine.js';
import type { VertexView } from '../types.js';

const TAP = '@mgmt/engine:log';

/** `file.mcl:3:1`, computed from the origin's source text when it is there. */
export function originText(origin: Origin | undefined): string | undefined {
  if (!origin) return undefined;
  if (origin.source === undefined) return origin.file;
  const before = origin.source.slice(0, origin.span.start);
  const line = before.split('\n').length;
  const col = origin.span.start - before.lastIndexOf('\n');
  return `${origin.file}:${line}:${col}`;
}

const fields = (v: VertexView) => ({ resource: v.key, plugin: v.plugin, at: originText(v.origin) });

/**
 * Logs the run's life cycle through the engine's hooks: applies and noop reports at info,
 * failures at error, events and checks at debug. This is how the CLI prints a run.
 */
export function logReporter(engine: Engine, log: Logger): void {
  const h = engine.hooks;
  h.event.tap(TAP, (v, reason) => log.debug(`${v.key}: event (${reason})`, fields(v)));
  h.afterCheck.tapPromise(TAP, async (v, o) => {
    log.debug(`${v.key}: checked in ${o.ms.toFixed(1)} ms, ${o.ok ? 'ok' : o.changes.join(', ')}`, fields(v));
  });
  h.beforeApply.tapPromise(TAP, async (v, changes) => {
    log.debug(`${v.key}: applying: ${changes.join(', ')}`, { ...fields(v), event: 'applying' });
    return undefined;
  });
  h.afterApply.tapPromise(TAP, async (v, o) => {
    log.info(`${v.key}: ${o.changes.join(', ')} (${o.ms.toFixed(0)} ms)`, { ...fields(v), event: 'changed', ms: o.ms });
  });
  h.noop.tap(TAP, (v, changes) => log.info(`${v.key}: would ${changes.join(', ')} (noop)`, { ...fields(v), event: 'noop' }));
  h.refreshed.tap(TAP, (v) => log.info(`${v.key}: refreshed`, { ...fields(v), event: 'refreshed' }));
  h.failed.tap(TAP, (v, err) => {
    log.error(`[${v.plugin}] ${v.key}: ${err.message}`, { ...fields(v), event: 'failed' });
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
