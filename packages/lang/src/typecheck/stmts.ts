import type { CollectStmt, ExportStmt, ForStmt, Stmt } from '../ast/nodes.js';
import { collectHead } from '../ast/query.js';
import { runsCode } from '../check/runs-code.js';
import type { Scope } from '../check/scope.js';
import { collectNeedsWhere } from '../diagnostics/codes.js';
import { fits } from '../types/compat.js';
import { element, kindName, resolve, T, type Type } from '../types/type.js';
import { checkInclude } from './callables.js';
import { expectType, mismatch, type Ctx } from './context.js';
import { checkCondition, infer } from './expr.js';
import { checkCollectParams, checkResource } from './resource.js';
import { checkSendRecv } from './send-recv.js';

/** `$r` of `collect … as $r`: an exported resource, whose params are not known before it arrives. */
const COLLECTED = T.record({ host: T.str, kind: T.str, name: T.str, params: T.map(T.unknown) });

/** Declares the `$x = …` of `stmts` in `scope`, each inferred lazily in `ctx`. */
export function declareTypes(stmts: readonly Stmt[], scope: Scope<Type>, ctx: Ctx): void {
  for (const s of stmts) if (s.type === 'assign') scope.declare(s.name, s.nameSpan, ctx.file, ctx.source, () => infer(s.value, ctx));
}

/** Checks statements, every branch and loop body included; assignments must already be declared. */
export function checkStmts(stmts: readonly Stmt[], ctx: Ctx): void {
  for (const stmt of stmts) {
    switch (stmt.type) {
      case 'resource':
        checkResource(stmt, ctx);
        break;
      case 'edge':
        for (const ref of stmt.refs) infer(ref, ctx);
        checkSendRecv(stmt, ctx);
        break;
      case 'if':
        checkCondition(stmt.cond, ctx);
        checkBlock(stmt.then, ctx);
        if (stmt.otherwise) checkBlock(stmt.otherwise, ctx);
        break;
      case 'for':
        checkFor(stmt, ctx);
        break;
      case 'include':
        checkInclude(stmt, ctx);
        break;
      case 'export':
        checkExport(stmt, ctx);
        break;
      case 'collect':
        checkCollect(stmt, ctx);
        break;
      default:
        break; // assignments: declared, and inferred when used or at the end of their scope
    }
  }
}

/** Checks `stmts` in a new scope inside `outer`'s; `bind` adds loop variables or params first. */
export function checkBlock(stmts: readonly Stmt[], outer: Ctx, bind?: (scope: Scope<Type>, ctx: Ctx) => void): void {
  const scope = outer.scope.child();
  const ctx: Ctx = { ...outer, scope };
  bind?.(scope, ctx);
  declareTypes(stmts, scope, ctx);
  checkStmts(stmts, ctx);
  scope.evaluateAll();
}

/** A `for` body is checked once, with the loop variables typed from the list or map. */
function checkFor(stmt: ForStmt, ctx: Ctx): void {
  const iterable = resolve(infer(stmt.iterable, ctx));
  let key: Type = T.unknown;
  let value: Type = T.unknown;
  if (iterable.k === 'list') {
    [key, value] = [T.int, element(iterable.elem)];
  } else if ((iterable.k === 'map' || iterable.k === 'record') && stmt.key) {
    [key, value] = [T.str, iterable.k === 'map' ? element(iterable.value) : T.unknown];
  } else if (iterable.k === 'var' && !stmt.key) {
    fits(iterable, T.list(T.unknown)); // one loop variable: a list
  } else if (kindName(iterable) !== undefined) {
    const expected = stmt.key ? 'list or map' : 'list (a map needs two variables: `for $k, $v in …`)';
    mismatch(ctx, stmt.iterable.span, { role: 'loop' }, expected, iterable);
  }
  checkBlock(stmt.body, ctx, (scope, inner) => {
    if (stmt.key) scope.bind(stmt.key.name, stmt.key.span, inner.file, inner.source, key);
    scope.bind(stmt.value.name, stmt.value.span, inner.file, inner.source, value);
  });
}

/** `export [to LIST] RESOURCE`: a list of host names, and a resource with params only. */
function checkExport(stmt: ExportStmt, ctx: Ctx): void {
  if (stmt.to) expectType(ctx, stmt.to.span, infer(stmt.to, ctx), T.list(T.str), { role: 'export target' }, 'list of host names (strings)');
  checkResource(stmt.resource, ctx, { exported: true });
}

/**
 * `collect KIND [where EXPR] [as $r] [{ overrides }]`, checked once whatever is collected:
 * `$host` and `$r` are bound in a block of their own, as while evaluating.
 */
function checkCollect(stmt: CollectStmt, ctx: Ctx): void {
  if (!stmt.where && runsCode(ctx.run.registry, stmt.kind)) ctx.run.report(collectNeedsWhere({ file: ctx.file, span: collectHead(stmt) }, stmt.kind));
  const scope = ctx.scope.child();
  const inner: Ctx = { ...ctx, scope };
  if (stmt.where) scope.bind('host', stmt.where.span, ctx.file, ctx.source, T.str);
  if (stmt.as) scope.bind(stmt.as.name, stmt.as.span, ctx.file, ctx.source, COLLECTED);
  if (stmt.where) checkCondition(stmt.where, inner);
  checkCollectParams(stmt, inner);
  scope.evaluateAll();
}
