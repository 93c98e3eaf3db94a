import type { Diagnostic, KindRegistry, Span } from '@mgmt/resource';
import type { Scope } from '../check/scope.js';
import { typeMismatch, type MismatchSubject } from '../diagnostics/codes.js';
import type { Def, Module } from '../eval/module.js';
import { fits, type Verdict } from '../types/compat.js';
import { show, type FuncType, type Type } from '../types/type.js';

/** A module as the check sees it: the evaluator's modules, with types for values. */
export type TypeModule = Module<Ctx, Type>;
export type TypeDef<T> = Def<T, Ctx, Type>;

/** What checking an expression or a statement needs from its surroundings (the evaluator's Env). */
export interface Ctx {
  /** The file the code is in: diagnostics point into it. */
  readonly file: string;
  /** Its text, for hints that point elsewhere in it. */
  readonly source: string;
  /** The innermost scope: variables hold their types. */
  readonly scope: Scope<Type>;
  /** The module the code is in: its classes, functions and imports. */
  readonly module: TypeModule;
  readonly run: Run;
}

/** What the whole check shares. */
export interface Run {
  readonly registry: KindRegistry;
  readonly report: (d: Diagnostic) => void;
  /**
   * The signature of each user function and class, by its Def id, once its body is checked:
   * each body is checked once, generically, whether or not it is called.
   */
  readonly signatures: Map<string, FuncType>;
  /** The functions whose bodies are being checked, outermost first: reaching one again is recursion. */
  readonly calls: { readonly id: string; readonly name: string }[];
  /** The classes whose bodies are being checked, outermost first. */
  readonly including: { readonly id: string; readonly name: string }[];
}

/** Reports that a value of type `found` is not the `expected` one (in words). */
export function mismatch(ctx: Ctx, span: Span, subject: MismatchSubject, expected: string, found: Type): void {
  ctx.run.report(typeMismatch({ file: ctx.file, span }, subject, expected, show(found)));
}

/** Reports when `found` certainly does not fit `expected` (binding variables on the way). */
export function expectType(ctx: Ctx, span: Span, found: Type, expected: Type, subject: MismatchSubject, words = show(expected)): Verdict {
  const verdict = fits(found, expected);
  if (verdict === 'no') mismatch(ctx, span, subject, words, found);
  return verdict;
}
