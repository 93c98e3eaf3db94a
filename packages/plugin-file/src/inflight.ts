/**
 * Temp files of atomic writes in progress, process-wide: a purging directory must not take
 * another vertex's temp file from under its write, and no graph knows these names.
 */
const inflight = new Set<string>();

/** Marks a temp file as in flight until the returned function is called. */
export function trackInflight(tmp: string): () => void {
  inflight.add(tmp);
  return () => inflight.delete(tmp);
}

export const isInflight = (path: string): boolean => inflight.has(path);
