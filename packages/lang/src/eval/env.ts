import type { Diagnostic, Span } from '@mgmt/resource';
import type { CallContext } from './functions/index.js';
import type { Module } from './module.js';
import type { Result } from './values.js';

/** What evaluating an expression needs from its surroundings. */
export interface Env {
  /** The file the expression is in: diagnostics point into it. */
  readonly file: string;
  /** The text of `file`, for hints that point elsewhere in it. */
  readonly source: string;
  /** The value of `$name`, used at `span`, in the innermost scope (reports undefined variables itself). */
  lookup(name: string, span: Span, file: string): Result;
  report(d: Diagnostic): void;
  /** What functions like `sys.hostname()` read. */
  readonly host: CallContext;
  /** The module the code is in: its classes, functions and imports. */
  readonly module: Module;
  /** The user functions being called, outermost first: calling one again is recursion. */
  readonly calls: readonly { readonly id: string; readonly name: string }[];
}
