import type { DefParam, Expr, Span, TypeName } from '../ast/nodes.js';
import { arity } from '../diagnostics/codes.js';
import type { Env } from './env.js';
import { evalExpr, mismatch } from './expr.js';
import { accepts, type ParamType } from './functions/index.js';
import { POISON, type Result, type Value } from './values.js';

/** The Go mgmt's type names, as our checks know them (one number type: `float` takes ints). */
const DECLARED: Readonly<Record<TypeName, ParamType>> = {
  '[]str': 'list of string',
  str: 'string',
  int: 'int',
  float: 'number',
  bool: 'bool',
  list: 'list',
  map: 'map',
};

/** A class or a user function, as a call sees it. */
export interface Callee {
  /** `class \`web\`` or `function \`double\``, for messages. */
  readonly label: string;
  /** `class web` or `double`: how its signature starts. */
  readonly head: string;
  readonly name: string;
  readonly params: readonly DefParam[];
  /** Where it is defined: defaults are evaluated there. */
  readonly env: Env;
}

export const signatureOf = (c: Callee): string =>
  `${c.head}(${c.params.map((p) => `$${p.name}${p.type ? ` ${p.type}` : ''}${p.default ? ' = …' : ''}`).join(', ')})`;

/**
 * The value of each param for a call (an `include` or a function call), or undefined after
 * an error, which is reported: the number of arguments, then their declared types, at the
 * argument. Missing trailing arguments take their defaults.
 */
export function bindArgs(callee: Callee, call: { readonly span: Span; readonly args: readonly Expr[] }, values: readonly Result[], env: Env): Value[] | undefined {
  const { params } = callee;
  const min = params.reduce((n, p, i) => (p.default ? n : i + 1), 0);
  const n = values.length;
  if (n < min || n > params.length) {
    const count = (k: number) => `${k} argument${k === 1 ? '' : 's'}`;
    const expected = min === params.length ? count(min) : `${min} to ${count(params.length)}`;
    // Too many: point at the extra arguments; too few: at the whole call.
    const span = n > params.length ? { start: call.args[params.length]!.span.start, end: call.args[n - 1]!.span.end } : call.span;
    env.report(arity({ file: env.file, span }, callee.name, expected, n, signatureOf(callee)));
    return undefined;
  }
  if (values.includes(POISON)) return undefined;
  const out: Value[] = [];
  let ok = true;
  params.forEach((p, i) => {
    const given = i < n;
    const v = given ? values[i]! : evalExpr(p.default!, callee.env);
    if (v === POISON) {
      ok = false;
      return;
    }
    const type = p.type && DECLARED[p.type];
    if (type && !accepts(type, v)) {
      const at = given ? { env, span: call.args[i]!.span } : { env: callee.env, span: p.default!.span };
      mismatch(at.env, at.span, { callee: callee.label, argument: p.name }, type, v);
      ok = false;
    }
    out.push(v);
  });
  return ok ? out : undefined;
}
