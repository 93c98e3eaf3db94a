import type { CallExpr } from '../ast/nodes.js';
import { arity, invalidArgument, typeMismatch, unknownFunction } from '../diagnostics/codes.js';
import { closest } from '../diagnostics/did-you-mean.js';
import type { Env } from './env.js';
import { mismatch } from './expr.js';
import { accepts, ArgError, FUNCTIONS, signature } from './functions/index.js';
import type { Eval } from './operators.js';
import { callUser } from './user-call.js';
import { POISON, type Result, type Value } from './values.js';

/**
 * `fn(args)` (a user function), `ns.fn(args)` (one of the import `ns`) or `mod.fn(args)` (the
 * standard library): checks the name, the number and the types of the arguments, then calls.
 */
export function evalCall(e: CallExpr, env: Env, ev: Eval): Result {
  const args = e.args.map((a) => ev(a, env));
  const prefix = e.name.split('.')[0]!;
  const user = !e.name.includes('.') || env.module.namespaces.has(prefix);
  const found = user ? env.module.resolve('funcs', e.name) : undefined;
  if (found) return callUser(found, e, args, env);
  const f = user ? undefined : FUNCTIONS.get(e.name);
  if (!f) {
    // null: the function is in an import that failed, already reported.
    if (found === null || env.module.incomplete) return POISON;
    const names = [...env.module.names('funcs'), ...FUNCTIONS.keys()];
    env.report(unknownFunction({ file: env.file, span: e.nameSpan }, e.name, closest(e.name, names)));
    return POISON;
  }
  const n = f.params.length;
  if (args.length < n || (!f.rest && args.length > n)) {
    const expected = f.rest ? `at least ${n} argument${n === 1 ? '' : 's'}` : `${n} argument${n === 1 ? '' : 's'}`;
    env.report(arity({ file: env.file, span: e.span }, e.name, expected, args.length, signature(e.name, f)));
    return POISON;
  }
  if (args.includes(POISON)) return POISON;
  const values = args as Value[];
  let ok = true;
  values.forEach((v, i) => {
    const p = f.params[i] ?? f.rest!;
    if (!accepts(p.type, v)) ok = mismatch(env, e.args[i]!.span, { func: e.name, argument: i + 1 }, p.type, v) !== POISON;
  });
  if (!ok) return POISON;
  const out = f.call(values, env.host);
  if (!(out instanceof ArgError)) return out;
  const at = { file: env.file, span: out.arg === undefined ? e.span : e.args[out.arg]!.span };
  const subject = { func: e.name, argument: (out.arg ?? 0) + 1 };
  env.report(out.mismatch ? typeMismatch(at, subject, out.mismatch.expected, out.mismatch.found) : invalidArgument(at, e.name, out.reason));
  return POISON;
}
