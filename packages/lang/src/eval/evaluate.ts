import { hostname as osHostname } from 'node:os';
import type { Diagnostic, KindRegistry, ResourceDecl, ResourceGraph } from '@mgmt/resource';
import type { Program } from '../ast/nodes.js';
import { Scope } from '../check/scope.js';
import { resolveEdges } from './edges.js';
import type { Env } from './env.js';
import type { CallContext } from './functions/index.js';
import { ResourceTable } from './resource-table.js';
import { declareAssigns, evalStmts, type ProgramState } from './stmts.js';

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
}

export interface EvaluateResult {
  /** Resources and edges; only meaningful when `diagnostics` has no error. */
  readonly graph: ResourceGraph;
  readonly diagnostics: Diagnostic[];
}

/** Evaluates parsed files, in the order given, as one program with one top-level scope. */
export function evaluate(files: readonly ParsedFile[], opts: EvaluateOptions): EvaluateResult {
  const diagnostics: Diagnostic[] = [];
  // A loop body runs once per element: its mistakes are reported once, not once per run.
  const seen = new Set<string>();
  const report = (d: Diagnostic): void => {
    const key = `${d.code}\0${d.file ?? ''}\0${d.span?.start ?? -1}\0${d.span?.end ?? -1}`;
    if (!seen.has(key)) {
      seen.add(key);
      diagnostics.push(d);
    }
  };
  const incomplete = opts.incomplete ?? false;
  const vars = opts.env ?? process.env;
  const host: CallContext = { hostname: opts.hostname ?? osHostname(), env: (name) => (Object.hasOwn(vars, name) ? vars[name] : undefined) };
  const scope = new Scope(report, incomplete);
  const envs = files.map(({ ast, source }): Env => ({ file: ast.file, source, lookup: (name, span, at) => scope.lookup(name, span, at), report, host }));
  files.forEach(({ ast }, i) => declareAssigns(ast.stmts, scope, envs[i]!));

  const sources = new Map(files.map((f) => [f.ast.file, f.source]));
  const state: ProgramState = { registry: opts.registry, table: new ResourceTable(sources, report), pending: [], unnamed: new Set(), report, incomplete };
  files.forEach(({ ast }, i) => evalStmts(ast.stmts, scope, envs[i]!, state));
  scope.evaluateAll();
  const edges = resolveEdges(state.pending, state.table, (kind) => incomplete || state.unnamed.has(kind), report);
  const resources = state.table.resources().flatMap((r): ResourceDecl[] => (r.decl ? [r.decl] : []));
  return { graph: { resources, edges }, diagnostics };
}
