import type { Diagnostic } from '@mgmt/resource';
import type { CallExpr } from '../../ast/nodes.js';
import { spanInLiteral } from '../../ast/string-span.js';
import { invalidArgument, typeMismatch } from '../../diagnostics/codes.js';
import type { ArgError } from './types.js';

/**
 * A function's refusal as a diagnostic, at the argument at fault (or the call): the same
 * before and while evaluating. A fault inside a literal string (`out.at`) is shown at its
 * characters; `source` is the text of `file`, to find them.
 */
export function reportArgError(out: ArgError, e: CallExpr, file: string, source: string): Diagnostic {
  const arg = out.arg === undefined ? undefined : e.args[out.arg]!;
  const span = !arg ? e.span : ((out.at && spanInLiteral(arg, source, out.at.start, out.at.end)) ?? arg.span);
  const subject = { func: e.name, argument: (out.arg ?? 0) + 1 };
  return out.mismatch ? typeMismatch({ file, span }, subject, out.mismatch.expected, out.mismatch.found) : invalidArgument({ file, span }, e.name, out.reason);
}
