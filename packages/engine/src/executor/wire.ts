import type { EngineGraph } from '../graph/engine-graph.js';
import type { Vertex } from './vertex.js';

/** (Re)connects vertices along a graph's edges (send/recv pairs too), replacing whatever edges they had. */
export function wire(vertices: ReadonlyMap<string, Vertex>, graph: EngineGraph): void {
  for (const v of vertices.values()) {
    v.deps.length = 0;
    v.dependents.length = 0;
    v.notifies.length = 0;
    v.receives.length = 0;
    v.receivers.length = 0;
  }
  for (const e of graph.edges) {
    const from = vertices.get(e.from)!;
    const to = vertices.get(e.to)!;
    from.dependents.push(to);
    to.deps.push(from);
    if (e.notify) from.notifies.push(to);
    for (const p of e.sendRecv ?? []) to.receives.push({ from, send: p.send, recv: p.recv });
    if (e.sendRecv?.length) from.receivers.push(to);
  }
}
