import type { EngineGraph } from './engine-graph.js';

const q = (s: string): string => JSON.stringify(s);

/** The graph in Graphviz DOT. Notify edges are drawn bold, autoedges dashed. */
export function toDot(graph: EngineGraph, name = 'mgmt'): string {
  const lines = [`digraph ${q(name)} {`, '  node [shape=box];'];
  for (const n of [...graph.nodes.values()].sort((a, b) => a.key.localeCompare(b.key))) {
    lines.push(`  ${q(n.key)};`);
  }
  for (const e of graph.edges) {
    const style = e.notify ? ' [style=bold, label="notify"]' : e.auto ? ' [style=dashed]' : '';
    lines.push(`  ${q(e.from)} -> ${q(e.to)}${style};`);
  }
  lines.push('}');
  return lines.join('\n') + '\n';
}
