import { Engine, type EngineGraph } from '@mgmt/engine';
import filePlugin from '@mgmt/plugin-file';
import { createRegistry, defaultMetaparams, type EdgeDecl, type Metaparams, type ResourceDecl } from '@mgmt/resource';
import type { ExecutionContext } from 'ava';
import execPlugin from '../src/index.js';

// Through the real engine with the real file kind: autoedges only mean anything there.

/** A resource as the language would hand it over: params as written, metaparams defaulted. */
export const decl = (kind: 'exec' | 'file', name: string, params: Record<string, unknown>, meta: Partial<Metaparams> = {}): ResourceDecl => ({
  kind,
  name,
  params,
  meta: { ...defaultMetaparams, ...meta },
});

/** A new engine with the exec and file kinds, and the graph built from `resources`; the test fails if it does not build. */
export function build(t: ExecutionContext, resources: ResourceDecl[], edges: EdgeDecl[] = []): { engine: Engine; graph: EngineGraph } {
  const engine = new Engine({ registry: createRegistry([execPlugin, filePlugin]), hostname: 'test-host' });
  const built = engine.build({ resources, edges });
  if (built.graph === undefined) throw new Error(built.diagnostics.map((d) => d.message).join('\n'));
  t.teardown(() => engine.stop());
  return { engine, graph: built.graph };
}

/** The edges of a built graph as `from -> to` lines, `(auto)` marking autoedges. */
export const edgeLines = (graph: EngineGraph): string[] =>
  graph.edges.map((e) => `${e.from} -> ${e.to}${e.auto ? ' (auto)' : ''}`).sort();

/** Records `kind[name]` of each apply, in order. */
export function recordApplies(engine: Engine): string[] {
  const applied: string[] = [];
  engine.hooks.afterApply.tap('plugin-exec-test', (v) => {
    applied.push(v.key);
  });
  return applied;
}
