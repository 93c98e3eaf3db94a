import type { BinaryExpr, UnaryExpr } from '../ast/nodes.js';
import { constantOf } from '../ast/constant.js';
import { invalidRegex } from '../diagnostics/codes.js';
import { compileRegex, isRegexProblem, problemSpan } from '../eval/regex.js';
import { fits, join } from '../types/compat.js';
import { kindName, kindType, resolve, T, type Type } from '../types/type.js';
import { expectType, mismatch, type Ctx } from './context.js';
import { infer } from './expr.js';

const ADDABLE = ['string', 'number', 'list'];

export function inferUnary(e: UnaryExpr, ctx: Ctx): Type {
  const t = infer(e.operand, ctx);
  if (e.op === '!') {
    expectType(ctx, e.operand.span, t, T.bool, { operator: '!' });
    return T.bool;
  }
  if (expectType(ctx, e.operand.span, t, T.num, { operator: '-' }) === 'no') return T.unknown;
  const r = resolve(t);
  return r.k === 'int' || r.k === 'float' ? r : T.num;
}

/**
 * The rules of eval/operators.ts, before running: both operands are always checked (the
 * evaluator skips the right side of a decided `&&`), and an operand whose type is not known
 * is never reported. The messages are the evaluator's, at the same operand.
 */
export function inferBinary(e: BinaryExpr, ctx: Ctx): Type {
  const l = infer(e.left, ctx);
  const r = infer(e.right, ctx);
  const at = { operator: e.op };
  switch (e.op) {
    case '&&':
    case '||':
      expectType(ctx, e.left.span, l, T.bool, at);
      expectType(ctx, e.right.span, r, T.bool, at);
      return T.bool;
    case '+':
      return inferPlus(e, l, r, ctx);
    case '-':
    case '*':
    case '/':
    case '%': {
      const left = expectType(ctx, e.left.span, l, T.num, at);
      const right = expectType(ctx, e.right.span, r, T.num, at);
      if (left === 'no' || right === 'no') return T.unknown;
      // Numbers are JSON numbers: `7 / 2` is 3.5, so only `- * %` of two ints is surely an int.
      return e.op !== '/' && resolve(l).k === 'int' && resolve(r).k === 'int' ? T.int : T.num;
    }
    case '==':
    case '!=':
      sameKind(e, l, r, ctx, undefined);
      return T.bool;
    case '=~': {
      expectType(ctx, e.left.span, l, T.str, at);
      if (expectType(ctx, e.right.span, r, T.str, at, 'string (a pattern)') === 'no') return T.bool;
      const pattern = constantOf(e.right);
      const re = typeof pattern === 'string' ? compileRegex(pattern) : undefined;
      if (re && isRegexProblem(re)) ctx.run.report(invalidRegex({ file: ctx.file, span: problemSpan(e.right, re, ctx.source) }, re));
      return T.bool;
    }
    default:
      // < > <= >=: two numbers or two strings.
      sameKind(e, l, r, ctx, ['number', 'string']);
      return T.bool;
  }
}

/**
 * Both operands of one kind (`allowed` of them, if given): the left one says which, and the
 * right one is reported; a param's variable takes the kind of the other side. The kind, or
 * `false` after an error (reported), or undefined when neither side's kind is known.
 */
function sameKind(e: BinaryExpr, l: Type, r: Type, ctx: Ctx, allowed: readonly string[] | undefined): string | false | undefined {
  const at = { operator: e.op };
  const words = allowed?.join(' or ');
  const [lk, rk] = [kindName(l), kindName(r)];
  if (lk !== undefined && allowed && !allowed.includes(lk)) {
    mismatch(ctx, e.left.span, at, words!, l);
    return false;
  }
  if (lk !== undefined) return expectType(ctx, e.right.span, r, kindType(l), at, lk) === 'no' ? false : lk;
  // The left kind is unknown: the right one must still be allowed.
  if (rk !== undefined && allowed && !allowed.includes(rk)) {
    mismatch(ctx, e.right.span, at, words!, r);
    return false;
  }
  if (resolve(l).k === 'var') fits(l, rk !== undefined ? kindType(r) : r);
  return rk;
}

/** `+` joins two strings or two lists, or adds two numbers. */
function inferPlus(e: BinaryExpr, l: Type, r: Type, ctx: Ctx): Type {
  const lk = kindName(l);
  if (lk !== undefined && !ADDABLE.includes(lk)) {
    mismatch(ctx, e.left.span, { operator: '+' }, 'string, number or list', l);
    return T.unknown;
  }
  const kind = sameKind(e, l, r, ctx, ADDABLE);
  if (kind === false) return T.unknown; // reported: one mistake, one diagnostic
  const [x, y] = [resolve(l), resolve(r)];
  if (kind === 'string') return T.str;
  if (kind === 'number') return x.k === 'int' && y.k === 'int' ? T.int : T.num;
  if (kind === 'list') return x.k === 'list' && y.k === 'list' ? T.list(join(x.elem, y.elem, true)) : T.list(T.unknown);
  // Two operands of unknown kind: a param's variable keeps what it is.
  return x.k === 'var' ? x : T.unknown;
}
