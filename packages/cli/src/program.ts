import { writeFile } from 'node:fs/promises';
import { loadProgram } from '@mgmt/lang';
import { Engine, toDot, type EngineGraph, type EngineOptions } from '@mgmt/engine';
import { report } from './diagnostics.js';
import { loadRegistry } from './plugins.js';

export interface Compiled {
  readonly engine: Engine;
  readonly graph: EngineGraph;
}

/**
 * Loads plugins, parses, checks and evaluates the program, and builds the engine graph.
 * Prints every diagnostic; returns undefined when there was any error, so nothing runs.
 */
export async function compileProgram(path: string, opts: Omit<EngineOptions, 'registry'> & { hostname: string }): Promise<Compiled | undefined> {
  const registry = await loadRegistry();
  const result = await loadProgram(path, { registry, hostname: opts.hostname });
  if (report(result.diagnostics, result.sources) || !result.graph) return undefined;
  const engine = new Engine({ ...opts, registry });
  const built = engine.build(result.graph);
  if (report(built.diagnostics, result.sources) || !built.graph) return undefined;
  return { engine, graph: built.graph };
}

export const writeDot = (file: string, graph: EngineGraph): Promise<void> => writeFile(file, toDot(graph));
