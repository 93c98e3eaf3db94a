import type { Diagnostic } from '@mgmt/resource';
import type { DefParam, Expr, Span } from '../ast/nodes.js';
import { arity } from '../diagnostics/codes.js';
import { declaredType, show } from '../types/type.js';
import type { Env } from './env.js';
import { evalExpr, mismatch } from './expr.js';
import { accepts } from './functions/index.js';
import { POISON, type Result, type Value } from './values.js';

/** A class or a user function as a call sees it, whichever pass makes the call. */
export interface CalleeShape {
  /** `class \`web\`` or `function \`double\``, for messages. */
  readonly label: string;
  /** `class web` or `double`: how its signature starts. */
  readonly head: string;
  readonly name: string;
  readonly params: readonly DefParam[];
}

/** A callee while evaluating. */
export interface Callee extends CalleeShape {
  /** Where it is defined: defaults are evaluated there. */
  readonly env: Env;
}

/** A call or an include: where it is, and its arguments. */
export interface CallSite {
  readonly span: Span;
  readonly args: readonly Expr[];
}

export const signatureOf = (c: CalleeShape): string =>
  `${c.head}(${c.params.map((p) => `$${p.name}${p.type ? ` ${p.type}` : ''}${p.default ? ' = …' : ''}`).join(', ')})`;

/**
 * MCL_ARITY when a call passes too few or too many arguments (missing trailing ones take
 * their defaults), else undefined. Too many: at the extra arguments; too few: at the call.
 */
export function arityError(callee: CalleeShape, call: CallSite, file: string): Diagnostic | undefined {
  const { params } = callee;
  const min = params.reduce((n, p, i) => (p.default ? n : i + 1), 0);
  const n = call.args.length;
  if (n >= min && n <= params.length) return undefined;
  const count = (k: number) => `${k} argument${k === 1 ? '' : 's'}`;
  const expected = min === params.length ? count(min) : `${min} to ${count(params.length)}`;
  const span = n > params.length ? { start: call.args[params.length]!.span.start, end: call.args[n - 1]!.span.end } : call.span;
  return arity({ file, span }, callee.name, expected, n, signatureOf(callee));
}

/**
 * The value of each param for a call (an `include` or a function call), or undefined after
 * an error, which is reported: the number of arguments, then their declared types, at the
 * argument. Missing trailing arguments take their defaults.
 */
export function bindArgs(callee: Callee, call: CallSite, values: readonly Result[], env: Env): Value[] | undefined {
  const wrong = arityError(callee, call, env.file);
  if (wrong) {
    env.report(wrong);
    return undefined;
  }
  if (values.includes(POISON)) return undefined;
  const out: Value[] = [];
  let ok = true;
  callee.params.forEach((p, i) => {
    const given = i < values.length;
    const v = given ? values[i]! : evalExpr(p.default!, callee.env);
    if (v === POISON) {
      ok = false;
      return;
    }
    const type = p.type && declaredType(p.type);
    if (type && !accepts(type, v)) {
      const at = given ? { env, span: call.args[i]!.span } : { env: callee.env, span: p.default!.span };
      mismatch(at.env, at.span, { callee: callee.label, argument: p.name }, show(type), v);
      ok = false;
    }
    out.push(v);
  });
  return ok ? out : undefined;
}
