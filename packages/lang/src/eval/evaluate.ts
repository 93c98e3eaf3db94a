import type { Diagnostic, KindRegistry, ResourceDecl, ResourceGraph } from '@mgmt/resource';
import type { Program } from '../ast/nodes.js';
import { Scope } from '../check/scope.js';
import { resolveEdges, evalEdgeStmt } from './edges.js';
import type { Env } from './env.js';
import { evalExpr } from './expr.js';
import { evalResource, type PendingEdge } from './resource.js';
import { ResourceTable } from './resource-table.js';

/** A file that parsed, with its text. */
export interface ParsedFile {
  readonly ast: Program;
  readonly source: string;
}

export interface EvaluateOptions {
  readonly registry: KindRegistry;
  /** Not used yet: for `sys.hostname()` once functions exist. */
  readonly hostname?: string;
  /** Some file of the program failed to parse: names it defines are unknown, so don't complain about them. */
  readonly incomplete?: boolean;
}

export interface EvaluateResult {
  /** Resources and edges; only meaningful when `diagnostics` has no error. */
  readonly graph: ResourceGraph;
  readonly diagnostics: Diagnostic[];
}

/** Evaluates parsed files, in the order given, as one program with one scope. */
export function evaluate(files: readonly ParsedFile[], opts: EvaluateOptions): EvaluateResult {
  const diagnostics: Diagnostic[] = [];
  const report = (d: Diagnostic): void => void diagnostics.push(d);
  const incomplete = opts.incomplete ?? false;
  // Kinds with a resource whose name could not be evaluated: an edge may mean that one.
  const unnamed = new Set<string>();
  const envs = new Map<string, Env>();
  const envOf = (file: string, source: string): Env => {
    let env = envs.get(file);
    if (!env) envs.set(file, (env = { file, source, lookup: (name, span, at) => scope.lookup(name, span, at), report }));
    return env;
  };
  const scope = new Scope((stmt, file, source) => evalExpr(stmt.value, envOf(file, source)), report, incomplete);
  for (const { ast, source } of files) {
    for (const stmt of ast.stmts) if (stmt.type === 'assign') scope.declare(stmt, ast.file, source);
  }

  const sources = new Map(files.map((f) => [f.ast.file, f.source]));
  const table = new ResourceTable(sources, report);
  const pending: PendingEdge[] = [];
  for (const { ast, source } of files) {
    const env = envOf(ast.file, source);
    for (const stmt of ast.stmts) {
      if (stmt.type === 'resource') {
        const info = evalResource(stmt, env, opts.registry);
        if (!info) unnamed.add(stmt.kind);
        else {
          table.add(info);
          pending.push(...info.edges);
        }
      } else if (stmt.type === 'edge') {
        pending.push(...evalEdgeStmt(stmt, env));
      }
    }
  }
  scope.evaluateAll();
  const edges = resolveEdges(pending, table, (kind) => incomplete || unnamed.has(kind), report);
  const resources = table.resources().flatMap((r): ResourceDecl[] => (r.decl ? [r.decl] : []));
  return { graph: { resources, edges }, diagnostics };
}
