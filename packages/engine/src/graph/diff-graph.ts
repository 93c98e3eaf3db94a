import type { EngineGraph, Node } from './engine-graph.js';

/** JSON with sorted keys, so two equal param objects give one string. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Two nodes are the same resource, unchanged, when kind, identity, params and metaparams agree. */
export const sameNode = (a: Node, b: Node): boolean =>
  a.def === b.def && a.id === b.id && stableJson(a.params) === stableJson(b.params) && stableJson(a.meta) === stableJson(b.meta);

export interface GraphDiff {
  /** Keys whose vertex keeps running untouched. */
  readonly kept: readonly string[];
  /** Keys whose vertex is stopped and started again with the new node. */
  readonly changed: readonly string[];
  readonly added: readonly string[];
  readonly removed: readonly string[];
}

/** What a swap from the running nodes to a new graph must do, by `kind[name]`. */
export function diffGraph(running: ReadonlyMap<string, Node>, next: EngineGraph): GraphDiff {
  const kept: string[] = [];
  const changed: string[] = [];
  const added: string[] = [];
  for (const [key, node] of next.nodes) {
    const old = running.get(key);
    if (!old) added.push(key);
    else if (sameNode(old, node)) kept.push(key);
    else changed.push(key);
  }
  const removed = [...running.keys()].filter((k) => !next.nodes.has(k));
  return { kept, changed, added, removed };
}
