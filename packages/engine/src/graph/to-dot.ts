import type { VertexStatus } from '../types.js';
import type { EngineGraph } from './engine-graph.js';

const q = (s: string): string => JSON.stringify(s);

/** Fill colours for a graph drawn after a run: settled well, failed, blocked, not settled. */
const COLORS: Record<VertexStatus, string> = {
  converged: 'green',
  failed: 'red',
  blocked: 'orange',
  waiting: 'grey',
  running: 'grey',
};

/**
 * The graph in Graphviz DOT. Notify edges are drawn bold, autoedges dashed. With `status`
 * (e.g. `(key) => engine.vertex(key)?.status`), each node is filled with its status colour:
 * converged green, failed red, blocked orange, waiting or running grey.
 */
export function toDot(graph: EngineGraph, name = 'mgmt', status?: (key: string) => VertexStatus | undefined): string {
  const lines = [`digraph ${q(name)} {`, '  node [shape=box];'];
  for (const n of [...graph.nodes.values()].sort((a, b) => a.key.localeCompare(b.key))) {
    const s = status?.(n.key);
    lines.push(s ? `  ${q(n.key)} [style=filled, fillcolor=${COLORS[s]}, tooltip=${q(s)}];` : `  ${q(n.key)};`);
  }
  for (const e of graph.edges) {
    const style = e.notify ? ' [style=bold, label="notify"]' : e.auto ? ' [style=dashed]' : '';
    lines.push(`  ${q(e.from)} -> ${q(e.to)}${style};`);
  }
  lines.push('}');
  return lines.join('\n') + '\n';
}
