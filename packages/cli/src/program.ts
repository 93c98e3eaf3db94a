import { writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { loadProgram } from '@mgmt/lang';
import { Engine, toDot, type EngineGraph, type EngineOptions } from '@mgmt/engine';
import { report } from './diagnostics.js';
import { loadRegistry } from './plugins.js';

export interface Compiled {
  readonly engine: Engine;
  readonly graph: EngineGraph;
}

/**
 * Where the parse cache lives: `$MGMT_CACHE_DIR` if set (`off` disables it), else
 * `$XDG_CACHE_HOME/mgmt`, else `~/.cache/mgmt`.
 */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const own = env['MGMT_CACHE_DIR'];
  if (own) return own === 'off' ? undefined : own;
  const xdg = env['XDG_CACHE_HOME'];
  if (xdg && isAbsolute(xdg)) return join(xdg, 'mgmt');
  try {
    const home = homedir();
    return home ? join(home, '.cache', 'mgmt') : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Loads plugins, parses, checks and evaluates the program, and builds the engine graph.
 * Prints every diagnostic; returns undefined when there was any error, so nothing runs.
 */
export async function compileProgram(path: string, opts: Omit<EngineOptions, 'registry'> & { hostname: string }): Promise<Compiled | undefined> {
  const registry = await loadRegistry();
  const dir = cacheDir();
  const result = await loadProgram(path, { registry, hostname: opts.hostname, ...(dir ? { cacheDir: dir } : {}) });
  if (report(result.diagnostics, result.sources) || !result.graph) return undefined;
  const engine = new Engine({ ...opts, registry });
  const built = engine.build(result.graph);
  if (report(built.diagnostics, result.sources) || !built.graph) return undefined;
  return { engine, graph: built.graph };
}

export const writeDot = (file: string, graph: EngineGraph): Promise<void> => writeFile(file, toDot(graph));
