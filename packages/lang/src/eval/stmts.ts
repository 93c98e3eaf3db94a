import type { Diagnostic, KindRegistry, Span } from '@mgmt/resource';
import type { ForStmt, IfStmt, Stmt } from '../ast/nodes.js';
import type { Scope } from '../check/scope.js';
import { evalEdgeStmt } from './edges.js';
import type { Env } from './env.js';
import { evalCondition, evalExpr, mismatch } from './expr.js';
import { isMap } from './functions/types.js';
import { evalInclude } from './include.js';
import { evalResource, type PendingEdge } from './resource.js';
import type { ResourceTable } from './resource-table.js';
import { POISON, type Value, type ValueMap } from './values.js';
import { evalCollect, evalExport, type CollectedResource, type ExportedResource } from './world.js';

/** What evaluating statements adds to, shared by every file and block of a program. */
export interface ProgramState {
  readonly registry: KindRegistry;
  readonly table: ResourceTable;
  readonly pending: PendingEdge[];
  /**
   * Kinds with a resource that could not be evaluated: an edge may mean that one, so stay
   * quiet. `*` (any kind) after a class that could not be included.
   */
  readonly unnamed: Set<string>;
  readonly report: (d: Diagnostic) => void;
  readonly incomplete: boolean;
  /** The `include` whose class is being evaluated (the innermost), for duplicate hints. */
  readonly via?: { readonly file: string; readonly span: Span };
  /** The classes being included, outermost first: including one again is a cycle. */
  readonly including: readonly { readonly id: string; readonly name: string }[];
  /** Each class instance (class and argument values) evaluated so far. */
  readonly instances: Set<string>;
  /** What the program exports, and their names (for duplicates). */
  readonly exports: ExportedResource[];
  readonly exportTable: ResourceTable;
  /** The kinds `collect` statements ask for, and what the world delivered (the input). */
  readonly collects: Set<string>;
  readonly collected: readonly CollectedResource[];
}

/** Declares the `$x = …` of `stmts` in `scope`, each evaluated lazily in `env`. */
export function declareAssigns(stmts: readonly Stmt[], scope: Scope, env: Env): void {
  for (const s of stmts) if (s.type === 'assign') scope.declare(s.name, s.nameSpan, env.file, env.source, () => evalExpr(s.value, env));
}

/** Evaluates resources, edges, `if` and `for`; assignments must already be declared. */
export function evalStmts(stmts: readonly Stmt[], scope: Scope, env: Env, state: ProgramState): void {
  for (const stmt of stmts) {
    if (stmt.type === 'resource') {
      const info = evalResource(stmt, env, state.registry);
      if (!info) state.unnamed.add(stmt.kind);
      else {
        state.table.add(state.via ? { ...info, via: state.via } : info);
        state.pending.push(...info.edges);
      }
    } else if (stmt.type === 'edge') {
      state.pending.push(...evalEdgeStmt(stmt, env));
    } else if (stmt.type === 'if') {
      evalIf(stmt, scope, env, state);
    } else if (stmt.type === 'for') {
      evalFor(stmt, scope, env, state);
    } else if (stmt.type === 'include') {
      evalInclude(stmt, env, state);
    } else if (stmt.type === 'export') {
      evalExport(stmt, env, state);
    } else if (stmt.type === 'collect') {
      evalCollect(stmt, scope, env, state);
    }
  }
}

/** Runs `stmts` in a new scope inside `outer`; `bind` adds loop variables first. */
export function evalBlock(stmts: readonly Stmt[], outer: Scope, outerEnv: Env, state: ProgramState, bind?: (scope: Scope, env: Env) => void): void {
  const scope = outer.child();
  const env: Env = { ...outerEnv, lookup: (name, span, file) => scope.lookup(name, span, file) };
  bind?.(scope, env);
  declareAssigns(stmts, scope, env);
  evalStmts(stmts, scope, env, state);
  scope.evaluateAll();
}

function evalIf(stmt: IfStmt, scope: Scope, env: Env, state: ProgramState): void {
  const cond = evalCondition(stmt.cond, env);
  if (cond === POISON) {
    quiet([...stmt.then, ...(stmt.otherwise ?? [])], state);
    return;
  }
  const taken = cond ? stmt.then : stmt.otherwise;
  if (taken) evalBlock(taken, scope, env, state);
}

function evalFor(stmt: ForStmt, scope: Scope, env: Env, state: ProgramState): void {
  const iterable = evalExpr(stmt.iterable, env);
  const pairs = iterable === POISON ? undefined : loopPairs(stmt, iterable, env);
  if (!pairs) {
    quiet(stmt.body, state);
    return;
  }
  for (const [key, value] of pairs) {
    evalBlock(stmt.body, scope, env, state, (inner, innerEnv) => {
      if (stmt.key) inner.bind(stmt.key.name, stmt.key.span, innerEnv.file, innerEnv.source, key);
      inner.bind(stmt.value.name, stmt.value.span, innerEnv.file, innerEnv.source, value);
    });
  }
}

/** (index, element) of a list, or (key, value) of a map by sorted key; undefined after an error. */
function loopPairs(stmt: ForStmt, iterable: Value, env: Env): [Value, Value][] | undefined {
  if (Array.isArray(iterable)) return (iterable as Value[]).map((v, i) => [i, v]);
  if (isMap(iterable) && stmt.key) return Object.keys(iterable).sort().map((k) => [k, (iterable as ValueMap)[k]!]);
  const expected = stmt.key ? 'list or map' : 'list (a map needs two variables: `for $k, $v in …`)';
  mismatch(env, stmt.iterable.span, { role: 'loop' }, expected, iterable);
  return undefined;
}

/** A block that could not run may have declared any of its resources: edges to them are not reported. */
function quiet(stmts: readonly Stmt[], state: ProgramState): void {
  for (const s of stmts) {
    if (s.type === 'resource') state.unnamed.add(s.kind);
    else if (s.type === 'if') quiet([...s.then, ...(s.otherwise ?? [])], state);
    else if (s.type === 'for') quiet(s.body, state);
    else if (s.type === 'include') state.unnamed.add('*');
    else if (s.type === 'collect') state.collects.add(s.kind);
  }
}
