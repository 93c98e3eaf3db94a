import type { Diagnostic } from '@mgmt/resource';
import { edgeCycle } from '../diagnostics/codes.js';
import { locationOf } from '../diagnostics/position.js';
import type { PendingEdge } from './resource.js';

/**
 * Reports each cycle of the program's edges (`A -> B` and relationship params), once per
 * strongly connected part of the graph, at the edge that closes it: the first, in the order
 * the program declares them, after which the edges so far have a cycle. The engine would
 * refuse the graph anyway, naming the cycle, but without a position. Autoedges are the
 * engine's: it still reports a cycle they close. Every edge's ends must be declared.
 */
export function reportEdgeCycles(edges: readonly PendingEdge[], sources: ReadonlyMap<string, string>, report: (d: Diagnostic) => void): void {
  const ids = new Map<string, number>();
  const vertex = (kind: string, name: string): number => {
    const key = `${kind}\0${name}`;
    let id = ids.get(key);
    if (id === undefined) ids.set(key, (id = ids.size));
    return id;
  };
  const from = edges.map((e) => vertex(e.from.kind, e.from.name));
  const to = edges.map((e) => vertex(e.to.kind, e.to.name));
  const component = components(ids.size, from, to);
  // The edges inside one component, in declaration order; a component has a cycle iff it has any.
  const inside = new Map<number, number[]>();
  from.forEach((f, i) => {
    if (component[f] !== component[to[i]!]) return;
    const list = inside.get(component[f]!) ?? [];
    list.push(i);
    inside.set(component[f]!, list);
  });
  const display = (i: number): string => `${edges[i]!.from.display} ${edges[i]!.notify ? '~>' : '->'} ${edges[i]!.to.display}`;
  const where = (i: number) => {
    const { file, span } = edges[i]!.at;
    return locationOf(file, sources.get(file) ?? '', span.start);
  };
  for (const group of inside.values()) {
    const closing = closingEdge(group, from, to);
    const path = pathOf(to[closing]!, from[closing]!, group.slice(0, group.indexOf(closing)), from, to);
    const chain = [edges[closing]!.from.display];
    for (const i of [closing, ...path]) chain.push(edges[i]!.notify ? '~>' : '->', edges[i]!.to.display);
    report(edgeCycle(edges[closing]!.at, chain.join(' '), path.map((i) => ({ edge: display(i), at: where(i) }))));
  }
}

/** The first edge of `group` (edge indexes, in order) after which the edges so far have a cycle. */
function closingEdge(group: readonly number[], from: readonly number[], to: readonly number[]): number {
  let [lo, hi] = [1, group.length]; // the whole group has a cycle
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (hasCycle(group.slice(0, mid), from, to)) hi = mid;
    else lo = mid + 1;
  }
  return group[lo - 1]!;
}

/** Kahn's algorithm: the edges have a cycle iff some vertex never reaches in-degree 0. */
function hasCycle(list: readonly number[], from: readonly number[], to: readonly number[]): boolean {
  const indegree = new Map<number, number>();
  const out = new Map<number, number[]>();
  for (const i of list) {
    indegree.set(from[i]!, indegree.get(from[i]!) ?? 0);
    indegree.set(to[i]!, (indegree.get(to[i]!) ?? 0) + 1);
    const next = out.get(from[i]!);
    if (next) next.push(to[i]!);
    else out.set(from[i]!, [to[i]!]);
  }
  const ready = [...indegree].filter(([, d]) => d === 0).map(([v]) => v);
  let done = 0;
  for (let v = ready.pop(); v !== undefined; v = ready.pop()) {
    done++;
    for (const w of out.get(v) ?? []) {
      const d = indegree.get(w)! - 1;
      indegree.set(w, d);
      if (d === 0) ready.push(w);
    }
  }
  return done < indegree.size;
}

/** The edges of a shortest path from `start` to `goal` over `list` (empty when they are one vertex). */
function pathOf(start: number, goal: number, list: readonly number[], from: readonly number[], to: readonly number[]): number[] {
  const out = new Map<number, number[]>();
  for (const i of list) {
    const next = out.get(from[i]!);
    if (next) next.push(i);
    else out.set(from[i]!, [i]);
  }
  const via = new Map<number, number>([[start, -1]]); // vertex -> the edge it was reached by
  const queue = [start];
  for (let q = 0; q < queue.length && !via.has(goal); q++) {
    for (const i of out.get(queue[q]!) ?? []) {
      if (via.has(to[i]!)) continue;
      via.set(to[i]!, i);
      queue.push(to[i]!);
    }
  }
  const path: number[] = [];
  for (let v = goal; v !== start; v = from[via.get(v)!]!) path.push(via.get(v)!);
  return path.reverse();
}

/** Tarjan's strongly connected components, iteratively (a 10,000-edge chain must not overflow the stack). */
function components(n: number, from: readonly number[], to: readonly number[]): number[] {
  const out: number[][] = Array.from({ length: n }, () => []);
  from.forEach((f, i) => out[f]!.push(to[i]!));
  const index = new Array<number>(n).fill(-1);
  const low = new Array<number>(n).fill(0);
  const component = new Array<number>(n).fill(-1);
  const stack: number[] = [];
  let counter = 0;
  let count = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    const frames: [number, number][] = [[root, 0]]; // vertex, next successor to visit
    index[root] = low[root] = counter++;
    stack.push(root);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!;
      const [v, k] = frame;
      if (k < out[v]!.length) {
        frame[1]++;
        const w = out[v]![k]!;
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack.push(w);
          frames.push([w, 0]);
        } else if (component[w] === -1) low[v] = Math.min(low[v]!, index[w]!);
        continue;
      }
      frames.pop();
      if (frames.length > 0) {
        const parent = frames[frames.length - 1]![0];
        low[parent] = Math.min(low[parent]!, low[v]!);
      }
      if (low[v] === index[v]) {
        for (let w = stack.pop(); ; w = stack.pop()) {
          component[w!] = count;
          if (w === v) break;
        }
        count++;
      }
    }
  }
  return component;
}
