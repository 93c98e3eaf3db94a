import type { CallExpr } from '../ast/nodes.js';
import { constantOf } from '../ast/constant.js';
import { arity, unknownFunction } from '../diagnostics/codes.js';
import { closest } from '../diagnostics/did-you-mean.js';
import { arityFits, FUNCTIONS, reportArgError, signature, takes } from '../eval/functions/index.js';
import { fits, instantiate, settle } from '../types/compat.js';
import { show, T, type Type } from '../types/type.js';
import { callFunction } from './callables.js';
import { mismatch, type Ctx } from './context.js';
import { infer } from './expr.js';

/**
 * `fn(args)` (a user function, else a standard one without a module: `template`),
 * `ns.fn(args)` (one of the import `ns`) or `mod.fn(args)` (the standard library),
 * resolved as eval/call.ts does: the arguments are checked against the
 * function's signature, and the call has its return type.
 */
export function inferCall(e: CallExpr, ctx: Ctx): Type {
  const args = e.args.map((a) => infer(a, ctx));
  const prefix = e.name.split('.')[0]!;
  const user = !e.name.includes('.') || ctx.module.namespaces.has(prefix);
  const found = user ? ctx.module.resolve('funcs', e.name) : undefined;
  if (found) return callFunction(found, e, args, ctx);
  // A bare name is a user function first: one named `template` hides the standard one.
  const f = found === undefined && !(user && e.name.includes('.')) ? FUNCTIONS.get(e.name) : undefined;
  if (!f) {
    // null: the function is in an import that failed, already reported.
    if (found === null || ctx.module.incomplete) return T.unknown;
    const names = [...ctx.module.names('funcs'), ...FUNCTIONS.keys()];
    ctx.run.report(unknownFunction({ file: ctx.file, span: e.nameSpan }, e.name, closest(e.name, names)));
    return T.unknown;
  }
  if (!arityFits(f, args.length)) {
    ctx.run.report(arity({ file: ctx.file, span: e.span }, e.name, takes(f), args.length, signature(e.name, f)));
    return T.unknown;
  }
  const sig = instantiate({ params: f.params.map((p) => p.type), ...(f.rest ? { rest: f.rest.type } : {}), ret: f.returns });
  let ok = true;
  args.forEach((t, i) => {
    const p = sig.params[i] ?? sig.rest!;
    const words = show(p);
    if (fits(t, p) === 'no') {
      mismatch(ctx, e.args[i]!.span, { func: e.name, argument: i + 1 }, words, t);
      ok = false;
    }
  });
  const refused = ok && f.check?.(args.map((type, i) => ({ type, constant: constantOf(e.args[i]!) })));
  if (refused) ctx.run.report(reportArgError(refused, e, ctx.file, ctx.source));
  return settle(sig.ret);
}
