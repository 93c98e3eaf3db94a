import type { CallExpr } from '../ast/nodes.js';
import { arity, unknownFunction } from '../diagnostics/codes.js';
import { closest } from '../diagnostics/did-you-mean.js';
import { show } from '../types/type.js';
import type { Env } from './env.js';
import { mismatch } from './expr.js';
import { accepts, ArgError, arityFits, FUNCTIONS, reportArgError, signature, takes } from './functions/index.js';
import type { Eval } from './operators.js';
import { callUser } from './user-call.js';
import { POISON, type Result, type Value } from './values.js';

/**
 * `fn(args)` (a user function, else a standard one without a module: `template`),
 * `ns.fn(args)` (one of the import `ns`) or `mod.fn(args)` (the standard library): checks
 * the name, the number and the types of the arguments, then calls.
 */
export function evalCall(e: CallExpr, env: Env, ev: Eval): Result {
  const args = e.args.map((a) => ev(a, env));
  const prefix = e.name.split('.')[0]!;
  const user = !e.name.includes('.') || env.module.namespaces.has(prefix);
  const found = user ? env.module.resolve('funcs', e.name) : undefined;
  if (found) return callUser(found, e, args, env);
  // A bare name is a user function first: one named `template` hides the standard one.
  const f = found === undefined && !(user && e.name.includes('.')) ? FUNCTIONS.get(e.name) : undefined;
  if (!f) {
    // null: the function is in an import that failed, already reported.
    if (found === null || env.module.incomplete) return POISON;
    const names = [...env.module.names('funcs'), ...FUNCTIONS.keys()];
    env.report(unknownFunction({ file: env.file, span: e.nameSpan }, e.name, closest(e.name, names)));
    return POISON;
  }
  if (!arityFits(f, args.length)) {
    env.report(arity({ file: env.file, span: e.span }, e.name, takes(f), args.length, signature(e.name, f)));
    return POISON;
  }
  if (args.includes(POISON)) return POISON;
  const values = args as Value[];
  let ok = true;
  values.forEach((v, i) => {
    const p = f.params[i] ?? f.rest!;
    if (!accepts(p.type, v)) ok = mismatch(env, e.args[i]!.span, { func: e.name, argument: i + 1 }, show(p.type), v) !== POISON;
  });
  if (!ok) return POISON;
  const out = f.call(values, env.host);
  if (!(out instanceof ArgError)) return out;
  env.report(reportArgError(out, e, env.file, env.source));
  return POISON;
}
