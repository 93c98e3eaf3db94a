import type { IncludeStmt } from '../ast/nodes.js';
import { includeCycle, unknownClass } from '../diagnostics/codes.js';
import { closest } from '../diagnostics/did-you-mean.js';
import { bindArgs } from './callable.js';
import type { Env } from './env.js';
import { evalExpr } from './expr.js';
import { evalBlock, type ProgramState } from './stmts.js';
import { show } from './values.js';

/**
 * `include name(args)`: evaluates the class body in a scope of its own, inside the top level
 * of the module that defines the class, with the params bound; its resources and edges join
 * the program. One class with the same argument values is one instance: including it again
 * does nothing. A class that includes itself, directly or not, is an error.
 */
export function evalInclude(stmt: IncludeStmt, env: Env, state: ProgramState): void {
  const args = stmt.args.map((a) => evalExpr(a, env));
  const def = env.module.resolve('classes', stmt.name);
  // Whatever the class would declare is unknown: edges to it must not be reported.
  const unknown = (): void => void state.unnamed.add('*');
  if (!def) {
    if (def === undefined && !env.module.incomplete) {
      env.report(unknownClass({ file: env.file, span: stmt.nameSpan }, stmt.name, closest(stmt.name, env.module.names('classes'))));
    }
    return unknown();
  }
  const cls = def.stmt;
  const values = bindArgs({ label: `class \`${cls.name}\``, head: `class ${cls.name}`, name: cls.name, params: cls.params, env: def.env }, stmt, args, env);
  if (!values) return unknown();
  const again = state.including.findIndex((c) => c.id === def.id);
  if (again !== -1) {
    env.report(includeCycle({ file: env.file, span: stmt.span }, [...state.including.slice(again).map((c) => c.name), cls.name]));
    return unknown();
  }
  const key = `${def.id}\0${show(values)}`;
  if (state.instances.has(key)) return;
  state.instances.add(key);
  const inner: ProgramState = { ...state, via: { file: env.file, span: stmt.span }, including: [...state.including, { id: def.id, name: cls.name }] };
  evalBlock(cls.body, def.module.scope, def.env, inner, (scope, e) => {
    cls.params.forEach((p, i) => scope.bind(p.name, p.span, e.file, e.source, values[i]!));
  });
}
