import grammar from '../grammar/mcl.ohm-bundle.js';

// What Ohm lists when an expression could start: each alternative of `Primary`.
// (A description on `Primary` would say this too, but would hide failures inside lists.)
const EXPRESSION_STARTS: readonly string[] = ['"("', '"{"', '"["', 'a resource reference like File', 'a bool', 'a number', 'a variable like $name', 'a string'];

// What Ohm lists where a statement could start (only "end of input" at the start of a file).
const STATEMENT_STARTS: readonly string[] = ['end of input', 'a variable like $name', 'a resource reference like File', 'a resource kind like file'];

const descriptions = ['end of input', ...Object.values(grammar.rules)
  .map((r) => r.description)]
  .filter((d): d is string => typeof d === 'string' && d.length > 0)
  .sort((a, b) => b.length - a.length);
const ITEM = new RegExp(`"(?:[^"\\\\]|\\\\.)*"|${descriptions.map((d) => d.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')}`, 'g');

/**
 * Ohm's expected text (`"(", "{", …, or a string`) with the alternatives that start an
 * expression folded into "an expression", and those that start a statement into words.
 */
export function summarizeExpected(text: string): string {
  const items: string[] = text.match(ITEM) ?? [];
  if (items.includes('end of input') && items.every((i) => STATEMENT_STARTS.includes(i))) return 'a resource, an edge or a variable assignment';
  if (items.length === 0 || !EXPRESSION_STARTS.every((s) => items.includes(s))) return text;
  const rest = [...items.filter((i) => !EXPRESSION_STARTS.includes(i)), 'an expression'];
  return rest.length === 1 ? rest[0]! : rest.length === 2 ? rest.join(' or ') : `${rest.slice(0, -1).join(', ')}, or ${rest.at(-1)}`;
}
