import type { FieldExpr, IndexExpr, Span } from '../ast/nodes.js';
import { indexOutOfRange, missingKey } from '../diagnostics/codes.js';
import { closest } from '../diagnostics/did-you-mean.js';
import type { Env } from './env.js';
import { mismatch } from './expr.js';
import { isMap } from './functions/types.js';
import type { Eval } from './operators.js';
import { POISON, type Result, type Value, type ValueMap } from './values.js';

/** `list[int]` or `map[string]`. */
export function evalIndex(e: IndexExpr, env: Env, ev: Eval): Result {
  const target = ev(e.target, env);
  const index = ev(e.index, env);
  if (target === POISON || index === POISON) return POISON;
  if (Array.isArray(target)) {
    if (!Number.isInteger(index)) return mismatch(env, e.index.span, { role: 'index' }, 'int (a list index)', index);
    const i = index as number;
    if (i < 0 || i >= target.length) {
      env.report(indexOutOfRange({ file: env.file, span: e.index.span }, i, target.length));
      return POISON;
    }
    return (target as Value[])[i]!;
  }
  if (isMap(target)) {
    if (typeof index !== 'string') return mismatch(env, e.index.span, { role: 'index' }, 'string (a map key)', index);
    return keyOf(target, index, e.index.span, env);
  }
  return mismatch(env, e.target.span, { role: 'index' }, 'list or map', target);
}

/** `map.key`: the same as `map["key"]`. */
export function evalField(e: FieldExpr, env: Env, ev: Eval): Result {
  const target = ev(e.target, env);
  if (target === POISON) return POISON;
  if (!isMap(target)) return mismatch(env, e.target.span, { role: 'field access' }, 'map', target);
  return keyOf(target, e.name, e.nameSpan, env);
}

function keyOf(m: ValueMap, key: string, span: Span, env: Env): Result {
  if (Object.hasOwn(m, key)) return m[key]!;
  const keys = Object.keys(m).sort();
  env.report(missingKey({ file: env.file, span }, key, closest(key, keys), keys));
  return POISON;
}
