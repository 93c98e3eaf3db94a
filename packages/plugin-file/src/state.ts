/** Per-vertex memory, shared by the vertex's check, apply and watch. */
export interface FileState {
  /**
   * Set while the watch of a purging directory with `recurse` runs. Check hands it the kept
   * subdirectories it found, so the watch follows them as the graph changes (the engine
   * re-checks a vertex when a graph swap changes what it may depend on).
   */
  followKept: ((kept: ReadonlySet<string>) => void) | undefined;
  /**
   * What the last apply left at the path (see self-events.ts): the watch drops events for
   * the path while it is still exactly so, as they are the echo of our own change.
   */
  applied: { readonly path: string; readonly signature: string | null } | undefined;
}

export const createState = (): FileState => ({ followKept: undefined, applied: undefined });
