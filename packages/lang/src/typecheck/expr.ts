import type { Expr, MapEntry, MapExpr, StrExpr } from '../ast/nodes.js';
import { literalText } from '../ast/query.js';
import { duplicateKey } from '../diagnostics/codes.js';
import { locationOf } from '../diagnostics/position.js';
import { join } from '../types/compat.js';
import { resolve, T, type Type } from '../types/type.js';
import { inferField, inferIndex } from './access.js';
import { inferCall } from './calls.js';
import { expectType, mismatch, type Ctx } from './context.js';
import { inferBinary, inferUnary } from './operators.js';

/**
 * The type of an expression, checking it on the way: every part of it, whatever would run,
 * so an `if` checks both branches and `&&` its right side. Errors are reported to the run;
 * a part in error has type `unknown`, so one mistake is one diagnostic.
 */
export function infer(e: Expr, ctx: Ctx): Type {
  switch (e.type) {
    case 'str':
      return inferString(e, ctx);
    case 'num':
      return Number.isInteger(e.value) ? T.int : T.float;
    case 'bool':
      return T.bool;
    case 'var':
      return ctx.scope.lookup(e.name, e.span, ctx.file);
    case 'list':
      return T.list(e.items.reduce<Type>((elem, item) => join(elem, infer(item, ctx), true), T.never));
    case 'map':
      return inferMap(e, ctx);
    case 'binary':
      return inferBinary(e, ctx);
    case 'unary':
      return inferUnary(e, ctx);
    case 'index':
      return inferIndex(e, ctx);
    case 'field': {
      // `$ns.x` is the variable `x` of the import `ns` (an import name wins over a variable).
      if (e.target.type === 'var' && ctx.module.namespaces.has(e.target.name)) {
        const ns = ctx.module.namespaces.get(e.target.name);
        return ns ? ns.scope.lookup(e.name, e.nameSpan, ctx.file) : T.unknown;
      }
      return inferField(e, ctx);
    }
    case 'call':
      return inferCall(e, ctx);
    case 'if':
      checkCondition(e.cond, ctx);
      // Either branch may run: a value of either type.
      return join(infer(e.then, ctx), infer(e.otherwise, ctx), false);
    case 'ref':
      expectType(ctx, e.name.span, infer(e.name, ctx), T.str, { role: 'reference name' });
      return T.ref;
  }
}

/** The condition of an `if` (statement or expression) or of a `where`: a bool. */
export function checkCondition(e: Expr, ctx: Ctx): void {
  expectType(ctx, e.span, infer(e, ctx), T.bool, { role: 'condition' });
}

/** `${…}` takes strings, numbers and bools (formatted); lists, maps and references are mistakes. */
function inferString(e: StrExpr, ctx: Ctx): Type {
  for (const part of e.parts) {
    if (typeof part === 'string') continue;
    const t = infer(part, ctx);
    if (['list', 'map', 'record', 'ref'].includes(resolve(t).k)) mismatch(ctx, part.span, { role: 'interpolation' }, 'string, number or bool', t);
  }
  return T.str;
}

/**
 * A map literal: keys are strings, each literal key once. `value` checks an entry's value
 * (against a param's schema, say) instead of inferring it.
 */
export function inferMap(e: MapExpr, ctx: Ctx, value: (entry: MapEntry) => Type = (entry) => infer(entry.value, ctx)): Type {
  const seen = new Map<string, number>();
  let values: Type = T.never;
  for (const entry of e.entries) {
    const key = infer(entry.key, ctx);
    values = join(values, value(entry), true);
    if (expectType(ctx, entry.key.span, key, T.str, { role: 'map key' }) === 'no') continue;
    const text = literalText(entry.key);
    if (text === undefined) continue;
    const first = seen.get(text);
    if (first === undefined) seen.set(text, entry.key.span.start);
    else ctx.run.report(duplicateKey({ file: ctx.file, span: entry.key.span }, 'map key', text, locationOf(ctx.file, ctx.source, first)));
  }
  return T.map(values);
}
