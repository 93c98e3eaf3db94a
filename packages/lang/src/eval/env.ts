import type { Diagnostic, Span } from '@mgmt/resource';
import type { Result } from './values.js';

/** What evaluating an expression needs from its surroundings. */
export interface Env {
  /** The file the expression is in: diagnostics point into it. */
  readonly file: string;
  /** The text of `file`, for hints that point elsewhere in it. */
  readonly source: string;
  /** The value of `$name`, used at `span` (reports undefined variables itself). */
  lookup(name: string, span: Span, file: string): Result;
  report(d: Diagnostic): void;
}
