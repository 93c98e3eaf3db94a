import type { BinaryExpr, Expr, UnaryExpr } from '../ast/nodes.js';
import { divisionByZero, invalidRegex } from '../diagnostics/codes.js';
import type { Env } from './env.js';
import { mismatch } from './expr.js';
import { compileRegex, isRegexProblem, problemSpan } from './regex.js';
import { equal, POISON, sameType, typeName, type Result, type Value } from './values.js';

/** evalExpr, passed in so that this file and expr.ts don't import each other at load time. */
export type Eval = (e: Expr, env: Env) => Result;

/** `int` and `float` are both "number" for operators. */
const kindOf = (v: Value): string => (typeof v === 'number' ? 'number' : typeName(v));

export function evalUnary(e: UnaryExpr, env: Env, ev: Eval): Result {
  const v = ev(e.operand, env);
  if (v === POISON) return POISON;
  if (e.op === '!') return typeof v === 'boolean' ? !v : mismatch(env, e.operand.span, { operator: '!' }, 'bool', v);
  return typeof v === 'number' ? -v : mismatch(env, e.operand.span, { operator: '-' }, 'number', v);
}

export function evalBinary(e: BinaryExpr, env: Env, ev: Eval): Result {
  if (e.op === '&&' || e.op === '||') return evalLogical(e, env, ev);
  const l = ev(e.left, env);
  const r = ev(e.right, env);
  if (l === POISON || r === POISON) return POISON;
  const at = { operator: e.op };
  switch (e.op) {
    case '+':
      if (typeof l === 'string' || typeof l === 'number' || Array.isArray(l)) {
        if (kindOf(l) !== kindOf(r)) return mismatch(env, e.right.span, at, kindOf(l), r);
        return Array.isArray(l) ? [...(l as Value[]), ...(r as Value[])] : (l as number) + (r as number);
      }
      return mismatch(env, e.left.span, at, 'string, number or list', l);
    case '-':
    case '*':
    case '/':
    case '%':
      if (typeof l !== 'number') return mismatch(env, e.left.span, at, 'number', l);
      if (typeof r !== 'number') return mismatch(env, e.right.span, at, 'number', r);
      return arithmetic(e, l, r, env);
    case '==':
    case '!=':
      if (!sameType(l, r)) return mismatch(env, e.right.span, at, kindOf(l), r);
      return equal(l, r) === (e.op === '==');
    case '=~':
      return evalMatch(e, l, r, env);
    default: {
      // < > <= >=: two numbers or two strings.
      if (typeof l !== 'number' && typeof l !== 'string') return mismatch(env, e.left.span, at, 'number or string', l);
      if (kindOf(l) !== kindOf(r)) return mismatch(env, e.right.span, at, kindOf(l), r);
      const [a, b] = [l, r as typeof l];
      return e.op === '<' ? a < b : e.op === '>' ? a > b : e.op === '<=' ? a <= b : a >= b;
    }
  }
}

function arithmetic(e: BinaryExpr, l: number, r: number, env: Env): Result {
  if (e.op === '-') return l - r;
  if (e.op === '*') return l * r;
  if (r === 0) {
    env.report(divisionByZero({ file: env.file, span: e.right.span }, e.op));
    return POISON;
  }
  // Numbers are JSON numbers, not Go's int and float: `7 / 2` is 3.5 (see docs/language.md).
  return e.op === '/' ? l / r : l % r;
}

/** `&&` and `||` evaluate their right operand only when the left one does not decide. */
function evalLogical(e: BinaryExpr, env: Env, ev: Eval): Result {
  const l = ev(e.left, env);
  if (l === POISON) return POISON;
  if (typeof l !== 'boolean') return mismatch(env, e.left.span, { operator: e.op }, 'bool', l);
  if (l === (e.op === '||')) return l;
  const r = ev(e.right, env);
  if (r === POISON) return POISON;
  return typeof r === 'boolean' ? r : mismatch(env, e.right.span, { operator: e.op }, 'bool', r);
}

function evalMatch(e: BinaryExpr, l: Value, r: Value, env: Env): Result {
  if (typeof l !== 'string') return mismatch(env, e.left.span, { operator: '=~' }, 'string', l);
  if (typeof r !== 'string') return mismatch(env, e.right.span, { operator: '=~' }, 'string (a pattern)', r);
  const re = compileRegex(r);
  if (isRegexProblem(re)) {
    env.report(invalidRegex({ file: env.file, span: problemSpan(e.right, re, env.source) }, re));
    return POISON;
  }
  return re.test(l);
}
