import type { FieldExpr, IndexExpr, Span } from '../ast/nodes.js';
import { literalText } from '../ast/query.js';
import { missingKey } from '../diagnostics/codes.js';
import { closest } from '../diagnostics/did-you-mean.js';
import { fits } from '../types/compat.js';
import { element, kindName, resolve, T, type Type } from '../types/type.js';
import { expectType, mismatch, type Ctx } from './context.js';
import { infer } from './expr.js';

/** `list[int]` or `map[string]`, as eval/access.ts. A list's length and a map's keys are not known before running. */
export function inferIndex(e: IndexExpr, ctx: Ctx): Type {
  const target = infer(e.target, ctx);
  const index = infer(e.index, ctx);
  const t = resolve(target);
  const at = { role: 'index' } as const;
  if (t.k === 'list') {
    expectType(ctx, e.index.span, index, T.int, at, 'int (a list index)');
    return element(t.elem);
  }
  if (t.k === 'map' || t.k === 'record') {
    if (expectType(ctx, e.index.span, index, T.str, at, 'string (a map key)') === 'no') return T.unknown;
    const key = literalText(e.index);
    if (t.k === 'record') return key === undefined ? T.unknown : recordField(t.fields, key, e.index.span, ctx);
    return element(t.value);
  }
  if (t.k === 'var') {
    // A param indexed by an int is a list, by a string a map (with any elements).
    const kind = kindName(index);
    if (kind === 'number') fits(t, T.list(T.unknown));
    else if (kind === 'string') fits(t, T.map(T.unknown));
    return T.unknown;
  }
  if (kindName(t) !== undefined) mismatch(ctx, e.target.span, at, 'list or map', t);
  return T.unknown;
}

/** `map.key`: the same as `map["key"]`. */
export function inferField(e: FieldExpr, ctx: Ctx): Type {
  const t = resolve(infer(e.target, ctx));
  if (t.k === 'map') return element(t.value);
  if (t.k === 'record') return recordField(t.fields, e.name, e.nameSpan, ctx);
  if (t.k === 'var') fits(t, T.map(T.unknown));
  else if (kindName(t) !== undefined) mismatch(ctx, e.target.span, { role: 'field access' }, 'map', t);
  return T.unknown;
}

/** A key of a map whose keys are known (`$r` of a collect): another key is MCL_MISSING_KEY, before anything is collected. */
function recordField(fields: Readonly<Record<string, Type>>, key: string, span: Span, ctx: Ctx): Type {
  if (Object.hasOwn(fields, key)) return fields[key]!;
  const keys = Object.keys(fields).sort();
  ctx.run.report(missingKey({ file: ctx.file, span }, key, closest(key, keys), keys));
  return T.unknown;
}
