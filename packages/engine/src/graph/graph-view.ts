import type { GraphResource, GraphView } from '@mgmt/resource';
import type { EngineGraph } from './engine-graph.js';

/** The resources of a graph grouped by kind, for `ctx.graph`. */
export function graphView(graph: EngineGraph): GraphView {
  const byKind = new Map<string, GraphResource[]>();
  for (const n of graph.nodes.values()) {
    const list = byKind.get(n.kind) ?? [];
    list.push({ kind: n.kind, name: n.name, id: n.id, params: n.params });
    byKind.set(n.kind, list);
  }
  return { resources: (kind) => byKind.get(kind) ?? [] };
}
