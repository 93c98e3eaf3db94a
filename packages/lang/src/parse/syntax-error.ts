import type { Diagnostic } from '@mgmt/resource';
import type { FailedMatchResult } from 'ohm-js';
import { syntaxError, type SyntaxHint } from '../diagnostics/codes.js';
import { locationOf } from '../diagnostics/position.js';
import { summarizeExpected } from './expected.js';
import { stringEndingAt, stringProblem } from './string-error.js';

const TOKEN = /^(?:[A-Za-z_$][\w:]*|\d+(?:\.\d+)?|->|~>|=>|\S)/;

/**
 * The MCL_SYNTAX diagnostic of a failed match. `base` is where the matched text starts in
 * `text` (non-zero for an interpolation).
 */
export function syntaxDiagnostic(file: string, text: string, m: FailedMatchResult, base = 0): Diagnostic {
  const pos = base + m.getRightmostFailurePosition();
  const expected = summarizeExpected(m.getExpectedText());
  const token = TOKEN.exec(text.slice(pos))?.[0];
  if (token === undefined) {
    // At the end of the input, point just after the last thing written, not at a blank line.
    const end = text.trimEnd().length;
    return syntaxError({ file, span: { start: end, end } }, withGuess({ expected, found: undefined }, guess(file, text, end, expected)));
  }
  if (token === '"') {
    const problem = stringProblem(text, pos);
    if (problem) return syntaxError({ file, span: problem.span }, problem);
  }
  return syntaxError({ file, span: { start: pos, end: pos + token.length } }, withGuess({ expected, found: token }, guess(file, text, pos, expected)));
}

/** A likely cause of a syntax error at `pos`, from what comes just before it. */
function guess(file: string, text: string, pos: number, expected: string): SyntaxHint | undefined {
  const before = text.slice(0, pos).trimEnd().length;
  // Strings may span lines, so a missing closing quote swallows code up to the next quote.
  const open = text[before - 1] === '"' ? stringEndingAt(text, before) : undefined;
  if (open !== undefined && text.slice(open, before).includes('\n')) return { openString: locationOf(file, text, open) };
  // A token at the start of a line, where a comma would have fit, is most often a missing comma.
  if (expected.includes('","') && text.slice(before, pos).includes('\n') && text[before - 1] !== ',') return { comma: true };
  return undefined;
}

const withGuess = <T extends object>(cause: T, g: SyntaxHint | undefined): T & { guess?: SyntaxHint } => (g ? { ...cause, guess: g } : cause);
