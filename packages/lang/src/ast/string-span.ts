import type { Expr, Span } from './nodes.js';
import { literalText } from './query.js';

/**
 * The span in the source of characters `from`…`to` (end-exclusive) of a string literal's
 * value, so an error about part of a string (a regex's bad escape) can point at that part.
 * Undefined when `e` is not a plain literal as written in `source` (interpolated, or made
 * up by the parser): the caller points at the whole expression instead.
 */
export function spanInLiteral(e: Expr, source: string, from: number, to: number): Span | undefined {
  const value = literalText(e);
  if (value === undefined || from < 0 || to > value.length || from > to) return undefined;
  const { start, end } = e.span;
  if (end - start < 2 || source[start] !== '"' || source[end - 1] !== '"') return undefined;
  // offsets[i]: where character i of the value starts in the source; every escape is `\` and one character.
  const offsets: number[] = [];
  for (let i = start + 1; i < end - 1; i += source[i] === '\\' ? 2 : 1) offsets.push(i);
  if (offsets.length !== value.length) return undefined;
  offsets.push(end - 1);
  return { start: offsets[from]!, end: offsets[to]! };
}
