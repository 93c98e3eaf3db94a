import type { RunSummary } from '../types.js';
import type { Vertex } from './vertex.js';

/** Counts vertices by status for the `converged` and `stopped` hooks. */
export function summarize(vertices: Iterable<Vertex>, startedAt: number): RunSummary {
  let total = 0;
  let converged = 0;
  let failed = 0;
  let blocked = 0;
  let changed = 0;
  let running = 0;
  for (const v of vertices) {
    total++;
    if (v.status === 'converged') converged++;
    else if (v.status === 'failed') failed++;
    else if (v.status === 'blocked') blocked++;
    else if (v.status === 'running') running++;
    if (v.changed) changed++;
  }
  const elapsedMs = startedAt ? performance.now() - startedAt : 0;
  return { total, converged, failed, blocked, running, changed, elapsedMs };
}
