import type { CallExpr, ClassStmt, DefParam, FuncStmt, IncludeStmt } from '../ast/nodes.js';
import { functionCycle, includeCycle, unknownClass } from '../diagnostics/codes.js';
import { closest } from '../diagnostics/did-you-mean.js';
import { arityError, type CalleeShape, type CallSite } from '../eval/callable.js';
import { fits, instantiate, settle } from '../types/compat.js';
import { declaredType, freshVar, resolve, show, T, type FuncType, type Type } from '../types/type.js';
import { mismatch, type Ctx, type Run, type TypeDef } from './context.js';
import { infer } from './expr.js';
import { checkBlock } from './stmts.js';

const funcShape = (s: FuncStmt): CalleeShape => ({ label: `function \`${s.name}\``, head: s.name, name: s.name, params: s.params });
const classShape = (s: ClassStmt): CalleeShape => ({ label: `class \`${s.name}\``, head: `class ${s.name}`, name: s.name, params: s.params });

/** A call of a user function: its arguments against its signature; the type is its return type. */
export function callFunction(def: TypeDef<FuncStmt>, e: CallExpr, args: readonly Type[], ctx: Ctx): Type {
  const shape = funcShape(def.stmt);
  const wrong = arityError(shape, e, ctx.file);
  if (wrong) {
    ctx.run.report(wrong);
    return T.unknown;
  }
  const again = ctx.run.calls.findIndex((c) => c.id === def.id);
  if (again !== -1) {
    ctx.run.report(functionCycle({ file: ctx.file, span: e.span }, [...ctx.run.calls.slice(again).map((c) => c.name), def.stmt.name]));
    return T.unknown;
  }
  const sig = instantiate(funcSignature(def, ctx.run));
  bindArgs(shape, sig, e, args, ctx);
  return settle(sig.ret);
}

/** `include name(args)`: the class exists, takes these arguments, and does not include itself. */
export function checkInclude(stmt: IncludeStmt, ctx: Ctx): void {
  const args = stmt.args.map((a) => infer(a, ctx));
  const def = ctx.module.resolve('classes', stmt.name);
  if (!def) {
    if (def === undefined && !ctx.module.incomplete) {
      ctx.run.report(unknownClass({ file: ctx.file, span: stmt.nameSpan }, stmt.name, closest(stmt.name, ctx.module.names('classes'))));
    }
    return;
  }
  const shape = classShape(def.stmt);
  const wrong = arityError(shape, stmt, ctx.file);
  if (wrong) return ctx.run.report(wrong);
  const again = ctx.run.including.findIndex((c) => c.id === def.id);
  if (again !== -1) {
    return ctx.run.report(includeCycle({ file: ctx.file, span: stmt.span }, [...ctx.run.including.slice(again).map((c) => c.name), def.stmt.name]));
  }
  bindArgs(shape, instantiate(classSignature(def, ctx.run)), stmt, args, ctx);
}

/** Each given argument against its param's type, at the argument (left-out ones take their checked defaults). */
function bindArgs(shape: CalleeShape, sig: FuncType, call: CallSite, args: readonly Type[], ctx: Ctx): void {
  args.forEach((t, i) => {
    const p = sig.params[i]!;
    const words = show(p);
    if (fits(t, p) === 'no') mismatch(ctx, call.args[i]!.span, { callee: shape.label, argument: shape.params[i]!.name }, words, t);
  });
}

/**
 * The signature of a user function, from its body, checked once (when first called, or at
 * the end if never): a typed param has its type, an untyped one a variable that the body's
 * uses bind (`$x * 2` makes it a number) or that stays generic.
 */
export function funcSignature(def: TypeDef<FuncStmt>, run: Run): FuncType {
  const known = run.signatures.get(def.id);
  if (known) return known;
  const { stmt } = def;
  run.calls.push({ id: def.id, name: stmt.name });
  const params = paramTypes(stmt.params);
  const scope = def.module.scope.child();
  const ctx: Ctx = { ...def.env, scope };
  stmt.params.forEach((p, i) => scope.bind(p.name, p.span, ctx.file, ctx.source, params[i]!));
  const ret = infer(stmt.body, ctx);
  run.calls.pop();
  checkDefaults(funcShape(stmt), params, def);
  const sig = { params, ret };
  run.signatures.set(def.id, sig);
  return sig;
}

/** The signature of a class (its params; it returns nothing), from its body, checked once. */
export function classSignature(def: TypeDef<ClassStmt>, run: Run): FuncType {
  const known = run.signatures.get(def.id);
  if (known) return known;
  const { stmt } = def;
  run.including.push({ id: def.id, name: stmt.name });
  const params = paramTypes(stmt.params);
  checkBlock(stmt.body, def.env, (scope, ctx) => stmt.params.forEach((p, i) => scope.bind(p.name, p.span, ctx.file, ctx.source, params[i]!)));
  run.including.pop();
  checkDefaults(classShape(stmt), params, def);
  const sig = { params, ret: T.unknown };
  run.signatures.set(def.id, sig);
  return sig;
}

const paramTypes = (params: readonly DefParam[]): Type[] => params.map((p) => (p.type ? declaredType(p.type) : freshVar(true)));

/**
 * Defaults are checked once, in the defining module's top level, against what the param
 * must be (its declared type, or what the body needs): a default that could never work is an
 * error even while every include passes the argument. A default does not bind a variable:
 * `$name = "x"` does not forbid passing an int.
 */
function checkDefaults(shape: CalleeShape, params: readonly Type[], def: TypeDef<FuncStmt | ClassStmt>): void {
  shape.params.forEach((p, i) => {
    if (!p.default) return;
    const t = infer(p.default, def.env);
    const want = resolve(params[i]!);
    if (want.k !== 'var' && fits(t, want, false) === 'no') mismatch(def.env, p.default.span, { callee: shape.label, argument: p.name }, show(want), t);
  });
}
