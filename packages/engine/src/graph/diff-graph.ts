import { stableJson } from '../util/stable-json.js';
import type { EngineGraph, Node } from './engine-graph.js';

/**
 * Each validated params or metaparams object's stable JSON, computed once: a node is never
 * changed once built, and a rebuild reuses the validated objects of unchanged resources (see
 * `BuildCache`), so a swap costs one stable JSON per new object, not one per resource.
 */
const memo = new WeakMap<object, string>();

function stableOf(value: object): string {
  let text = memo.get(value);
  if (text === undefined) {
    text = stableJson(value);
    memo.set(value, text);
  }
  return text;
}

const sameValue = (a: object, b: object): boolean => a === b || stableOf(a) === stableOf(b);

/** Two nodes are the same resource, unchanged, when kind, identity, params and metaparams agree. */
export const sameNode = (a: Node, b: Node): boolean => a.def === b.def && a.id === b.id && sameValue(a.params, b.params) && sameValue(a.meta, b.meta);

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
