import {
  createRegistry,
  defaultMetaparams,
  definePlugin,
  drifted,
  type AnyResource,
  type EdgeDecl,
  type Metaparams,
  type ResourceDecl,
  type ResourceGraph,
  type WatchContext,
} from '@mgmt/resource';
import { fakeResource } from '@mgmt/resource/testing';
import { Engine, type EngineOptions, type RunOptions } from '../src/index.js';

export const registryOf = (...defs: AnyResource[]) =>
  createRegistry([definePlugin({ meta: { name: 'test-plugin', version: '0.0.0' }, resources: defs })]);

export const res = (kind: string, name: string, meta: Partial<Metaparams> = {}, params: Record<string, unknown> = {}): ResourceDecl => ({
  kind,
  name,
  params,
  meta: { ...defaultMetaparams, ...meta },
});

/** `a -> b` and `a ~> b` edges between resources of one kind. */
export const edge = (kind: string, from: string, to: string, notify = false): EdgeDecl => ({
  from: { kind, name: from },
  to: { kind, name: to },
  notify,
});

/** Builds and runs a graph; throws if it does not build. */
export async function runGraph(graph: ResourceGraph, opts: Omit<EngineOptions, 'registry'> & { defs: AnyResource[] }, run: RunOptions = { convergedTimeout: 0 }) {
  const engine = new Engine({ ...opts, registry: registryOf(...opts.defs) });
  const built = engine.build(graph);
  if (!built.graph) throw new Error(built.diagnostics.map((d) => d.message).join('\n'));
  const summary = await engine.run(built.graph, run);
  return { engine, summary };
}

/** A kind whose resources are drifted until applied once, recording a timeline. */
export function timedKind(ms: number, timeline: string[], kind = 'slow'): AnyResource {
  const done = new Set<string>();
  return fakeResource({
    kind,
    async check(ctx) {
      return done.has(ctx.name) ? { ok: true } : drifted(null, [`run ${ctx.name}`]);
    },
    async apply(ctx) {
      timeline.push(`start ${ctx.name}`);
      await new Promise((r) => setTimeout(r, ms));
      if (ctx.params['fail']) {
        timeline.push(`fail ${ctx.name}`);
        throw new Error(`${ctx.name} exploded`);
      }
      done.add(ctx.name);
      timeline.push(`end ${ctx.name}`);
    },
  });
}

export const until = async (cond: () => boolean, ms = 5000): Promise<void> => {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
};

/**
 * A kind whose one resource is drifted until applied, and whose watch the test drives:
 * `drift(reason)` undoes the apply and fires a watch event, as a real out-of-band change would.
 */
export function driftable(kind = 'disk') {
  let ok = false;
  let watcher: WatchContext<Record<string, unknown>> | undefined;
  const def = fakeResource({
    kind,
    check: async () => (ok ? { ok: true } : drifted(null, ['fix'])),
    apply: async () => void (ok = true),
    watch: async (ctx) => {
      watcher = ctx;
      return () => {};
    },
  });
  const drift = (reason: string): void => {
    ok = false;
    watcher!.event(reason);
  };
  return { def, drift };
}
