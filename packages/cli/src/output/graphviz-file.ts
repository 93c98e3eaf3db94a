import { writeFile } from 'node:fs/promises';
import { toDot, type Engine, type EngineGraph } from '@mgmt/engine';

const TAP = '@mgmt/cli:graphviz';

/** `--graphviz FILE` at the end of a run: the graph again, nodes coloured by final status. */
export function graphvizAtStop(engine: Engine, file: string, graph: EngineGraph): void {
  engine.hooks.stopped.tapPromise(TAP, () => writeFile(file, toDot(graph, 'mgmt', (key) => engine.vertex(key)?.status)));
}
