import type { CallExpr, FuncStmt } from '../ast/nodes.js';
import { functionCycle } from '../diagnostics/codes.js';
import { bindArgs } from './callable.js';
import type { Env } from './env.js';
import { evalExpr } from './expr.js';
import type { Def } from './module.js';
import { POISON, type Result } from './values.js';

/**
 * Calls a user function: its body is evaluated in a scope of its own, inside the top level
 * of the module that defines it, with the params bound. Functions are pure, so nothing but
 * the value comes out. A call to a function already being called is recursion: an error.
 */
export function callUser(def: Def<FuncStmt>, e: CallExpr, args: readonly Result[], env: Env): Result {
  const { stmt } = def;
  const callee = { label: `function \`${stmt.name}\``, head: stmt.name, name: stmt.name, params: stmt.params, env: def.env };
  const values = bindArgs(callee, e, args, env);
  if (!values) return POISON;
  const again = env.calls.findIndex((c) => c.id === def.id);
  if (again !== -1) {
    env.report(functionCycle({ file: env.file, span: e.span }, [...env.calls.slice(again).map((c) => c.name), stmt.name]));
    return POISON;
  }
  const scope = def.module.scope.child();
  const body: Env = { ...def.env, lookup: (name, span, file) => scope.lookup(name, span, file), calls: [...env.calls, { id: def.id, name: stmt.name }] };
  stmt.params.forEach((p, i) => scope.bind(p.name, p.span, def.env.file, def.env.source, values[i]!));
  return evalExpr(stmt.body, body);
}
