import { writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { loadProgram, type CollectedResource, type CompileResult } from '@mgmt/lang';
import { Engine, toDot, type EngineGraph, type EngineOptions } from '@mgmt/engine';
import type { KindRegistry } from '@mgmt/resource';
import { report } from './diagnostics.js';
import { loadRegistry } from './plugins.js';

export interface Compiled {
  readonly engine: Engine;
  readonly graph: EngineGraph;
  /** What the program exports, collects and reads, for the reactive loop. */
  readonly result: CompileResult;
}

/** Reads and compiles the program (with the parse cache), without printing anything. */
export function compileSource(path: string, opts: { registry: KindRegistry; hostname: string; collected?: readonly CollectedResource[] }): Promise<CompileResult> {
  const dir = cacheDir();
  return loadProgram(path, {
    registry: opts.registry,
    hostname: opts.hostname,
    ...(dir ? { cacheDir: dir } : {}),
    ...(opts.collected ? { collected: opts.collected } : {}),
  });
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
export async function compileProgram(
  path: string,
  opts: Omit<EngineOptions, 'registry'> & {
    hostname: string;
    registry?: KindRegistry;
    /** Compiles instead of a plain `compileSource` (the reactive loop's first evaluation). */
    compile?: (registry: KindRegistry) => Promise<CompileResult>;
  },
): Promise<Compiled | undefined> {
  const { compile, registry: given, ...engineOpts } = opts;
  const registry = given ?? (await loadRegistry());
  const result = compile ? await compile(registry) : await compileSource(path, { registry, hostname: opts.hostname });
  if (report(result.diagnostics, result.sources) || !result.graph) return undefined;
  const engine = new Engine({ ...engineOpts, registry });
  const built = engine.build(result.graph);
  if (report(built.diagnostics, result.sources) || !built.graph) return undefined;
  return { engine, graph: built.graph, result };
}

export const writeDot = (file: string, graph: EngineGraph): Promise<void> => writeFile(file, toDot(graph));
