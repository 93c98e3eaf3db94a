import { readFileSync } from 'node:fs';
import { hostname as osHostname } from 'node:os';
import type { Diagnostic, KindRegistry, ResourceDecl, ResourceGraph } from '@mgmt/resource';
import type { Program } from '../ast/nodes.js';
import { linkModules, type LinkFile, type ModuleGraph } from '../modules/link.js';
import { reportEdgeCycles } from './edge-cycles.js';
import { resolveEdges } from './edges.js';
import type { CallContext } from './functions/index.js';
import { buildModules } from './modules.js';
import type { PendingEdge } from './resource.js';
import { ResourceTable } from './resource-table.js';
import { evalStmts, type ProgramState } from './stmts.js';
import type { CollectedResource, ExportedResource } from './world.js';
import { onceEach } from '../diagnostics/once.js';

/** A file that parsed, with its text. */
export interface ParsedFile {
  readonly ast: Program;
  readonly source: string;
}

export interface EvaluateOptions {
  readonly registry: KindRegistry;
  /** For `sys.hostname()`; the machine's own name when absent. */
  readonly hostname?: string;
  /** For `sys.env()`; `process.env` when absent. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Some file of the program failed to parse: names it defines are unknown, so don't complain about them. */
  readonly incomplete?: boolean;
  /** The exported resources visible to this host: what `collect` realizes. */
  readonly collected?: readonly CollectedResource[];
  /** Reads a file for `file.read` (absolute paths); from disk when absent. */
  readonly readFile?: (path: string) => string;
  /** Milliseconds since the epoch, for `datetime.now()`; `Date.now` when absent. */
  readonly now?: () => number;
  /** The text of the os-release file, for `os.distro()` and `os.family()`; read from disk when absent. */
  readonly osRelease?: string;
}

/** The reactive inputs a program used: when one changes, it must be evaluated again. */
export interface ProgramInputs {
  /** Files read by `file.read`, sorted (read or not: a missing file may appear). */
  readonly files: string[];
  /** Whether `datetime.now()` was called. */
  readonly clock: boolean;
}

export interface EvaluateResult {
  /** Resources and edges; only meaningful when `diagnostics` has no error. */
  readonly graph: ResourceGraph;
  readonly diagnostics: Diagnostic[];
  /** What the program exports (only meaningful without errors). */
  readonly exports: ExportedResource[];
  /** The kinds it collects, sorted. */
  readonly collects: string[];
  /** The reactive inputs evaluation used, even when it failed. */
  readonly inputs: ProgramInputs;
}

/**
 * Evaluates parsed files, in the order given, as one program with one top-level scope.
 * Their imports are resolved among themselves only (`compile` can also read them from disk).
 */
export function evaluate(files: readonly ParsedFile[], opts: EvaluateOptions): EvaluateResult {
  const given = files.map(({ ast, source }): LinkFile => ({ path: ast.file, source, ast }));
  const graph = linkModules(given, { parse: () => ({ diagnostics: [] }) });
  const result = evaluateLinked({ ...graph, incomplete: graph.incomplete || (opts.incomplete ?? false) }, opts);
  return { ...result, diagnostics: [...graph.diagnostics, ...result.diagnostics] };
}

/** Evaluates a linked program: the main program and the modules it imports. */
export function evaluateLinked(linked: ModuleGraph, opts: EvaluateOptions): EvaluateResult {
  const { diagnostics, report } = onceEach();
  const incomplete = linked.incomplete;
  const vars = opts.env ?? process.env;
  const files = new Set<string>();
  let clock = false;
  let osRelease = opts.osRelease;
  const host: CallContext = {
    hostname: opts.hostname ?? osHostname(),
    env: (name) => (Object.hasOwn(vars, name) ? vars[name] : undefined),
    readFile: (path) => {
      files.add(path);
      try {
        return { text: (opts.readFile ?? ((p: string) => readFileSync(p, 'utf8')))(path) };
      } catch (err) {
        const e = err as NodeJS.ErrnoException;
        return { error: e.code === 'ENOENT' ? 'no such file' : e.code === 'EISDIR' ? 'it is a directory' : (e.message ?? String(err)) };
      }
    },
    now: () => {
      clock = true;
      return Math.floor((opts.now ?? Date.now)() / 1000);
    },
    osRelease: () => (osRelease ??= readOsRelease()),
  };
  const { files: runnable, modules } = buildModules(linked, host, report);
  const state: ProgramState = {
    registry: opts.registry,
    table: new ResourceTable(linked.sources, report),
    pending: [],
    unnamed: new Set(),
    report,
    incomplete,
    including: [],
    instances: new Set(),
    exports: [],
    exportTable: new ResourceTable(linked.sources, report),
    collects: new Set(),
    collected: opts.collected ?? [],
  };
  for (const { stmts, env, module } of runnable) evalStmts(stmts, module.scope, env, state);
  for (const module of modules) module.scope.evaluateAll();
  const quiet = (kind: string): boolean => incomplete || state.unnamed.has(kind) || state.unnamed.has('*');
  const edges = resolveEdges(state.pending, state.table, quiet, report, (kind) => state.collects.has(kind));
  const declared = (e: PendingEdge): boolean => state.table.has(e.from.kind, e.from.name) && state.table.has(e.to.kind, e.to.name);
  reportEdgeCycles(state.pending.filter(declared), linked.sources, report);
  const resources = state.table.resources().flatMap((r): ResourceDecl[] => (r.decl ? [r.decl] : []));
  return {
    graph: { resources, edges },
    diagnostics,
    exports: state.exports,
    collects: [...state.collects].sort(),
    inputs: { files: [...files].sort(), clock },
  };
}

/** The host's os-release file, where the freedesktop.org spec puts it; "" when there is none. */
function readOsRelease(): string {
  for (const path of ['/etc/os-release', '/usr/lib/os-release']) {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      // Missing or unreadable: try the next place, then know nothing.
    }
  }
  return '';
}
