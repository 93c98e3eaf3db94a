import type { Span } from '@mgmt/resource';

export type StringProblem =
  | { readonly problem: 'unterminated' | 'interpolation'; readonly span: Span }
  | { readonly problem: 'escape'; readonly span: Span; readonly escape: string };

const ESCAPES = new Set(['n', 't', 'r', '"', '\\', '$']);

/**
 * Finds why the string starting at `start` (its opening quote) does not lex. Ohm reports
 * only "expected a string" at the quote, because `string` has a description; this points
 * at the bad escape, or says the string never ends. Undefined if the string is fine.
 */
export function stringProblem(text: string, start: number): StringProblem | undefined {
  const end = scan(text, start);
  return typeof end === 'number' ? undefined : end;
}

/** The offset after the string whose opening quote is at `start`, or why it does not lex. */
export function scan(text: string, start: number): number | StringProblem {
  let i = start + 1;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"') return i + 1;
    if (ch === '\\') {
      const next = text[i + 1] ?? '';
      if (!ESCAPES.has(next)) return { problem: 'escape', span: { start: i, end: i + 1 + next.length }, escape: `\\${next}` };
      i += 2;
    } else if (ch === '$' && text[i + 1] === '{') {
      const after = scanInterp(text, i);
      if (typeof after !== 'number') return after;
      i = after;
    } else {
      i++;
    }
  }
  return { problem: 'unterminated', span: { start, end: start + 1 } };
}

/** The offset after the `}` closing the interpolation whose `${` is at `start`. */
function scanInterp(text: string, start: number): number | StringProblem {
  const unclosed: StringProblem = { problem: 'interpolation', span: { start, end: start + 2 } };
  let i = start + 2;
  let depth = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"') {
      const after = scan(text, i);
      if (typeof after !== 'number') return after.problem === 'escape' ? after : unclosed;
      i = after;
      continue;
    }
    if (ch === '{') depth++;
    if (ch === '}' && depth-- === 0) return i + 1;
    i++;
  }
  return unclosed;
}

/** The start of the string literal that ends just before `end`, if one does. */
export function stringEndingAt(text: string, end: number): number | undefined {
  let i = 0;
  while (i < end) {
    const ch = text[i];
    if (ch === '#') {
      const nl = text.indexOf('\n', i);
      i = nl === -1 ? text.length : nl;
    } else if (ch === '"') {
      const after = scan(text, i);
      if (typeof after !== 'number') return undefined;
      if (after === end) return i;
      i = after;
    } else {
      i++;
    }
  }
  return undefined;
}
