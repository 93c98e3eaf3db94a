/**
 * Finds one cycle in a directed graph given as adjacency lists, or undefined. Iterative
 * DFS, so a 10,000-vertex chain cannot overflow the stack.
 */
export function findCycle<T>(nodes: Iterable<T>, next: (n: T) => Iterable<T>): T[] | undefined {
  const color = new Map<T, 1 | 2>(); // 1: on the current path, 2: done
  for (const root of nodes) {
    if (color.has(root)) continue;
    const path: T[] = [root];
    const iters: Iterator<T>[] = [next(root)[Symbol.iterator]()];
    color.set(root, 1);
    while (path.length > 0) {
      const step = iters[iters.length - 1]!.next();
      if (step.done) {
        color.set(path.pop()!, 2);
        iters.pop();
        continue;
      }
      const n = step.value;
      const c = color.get(n);
      if (c === 1) return path.slice(path.indexOf(n));
      if (c === 2) continue;
      color.set(n, 1);
      path.push(n);
      iters.push(next(n)[Symbol.iterator]());
    }
  }
  return undefined;
}
