/** Per-vertex memory, shared by the vertex's check and watch. */
export interface FileState {
  /**
   * Set while the watch of a purging directory with `recurse` runs. Check hands it the kept
   * subdirectories it found, so the watch follows them as the graph changes (the engine
   * re-checks a vertex when a graph swap changes what it may depend on).
   */
  followKept: ((kept: ReadonlySet<string>) => void) | undefined;
}

export const createState = (): FileState => ({ followKept: undefined });
