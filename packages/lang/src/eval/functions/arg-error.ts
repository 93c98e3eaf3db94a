import type { Diagnostic } from '@mgmt/resource';
import type { CallExpr } from '../../ast/nodes.js';
import { invalidArgument, typeMismatch } from '../../diagnostics/codes.js';
import type { ArgError } from './types.js';

/** A function's refusal as a diagnostic, at the argument at fault (or the call): the same before and while evaluating. */
export function reportArgError(out: ArgError, e: CallExpr, file: string): Diagnostic {
  const at = { file, span: out.arg === undefined ? e.span : e.args[out.arg]!.span };
  const subject = { func: e.name, argument: (out.arg ?? 0) + 1 };
  return out.mismatch ? typeMismatch(at, subject, out.mismatch.expected, out.mismatch.found) : invalidArgument(at, e.name, out.reason);
}
