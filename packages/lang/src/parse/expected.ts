import grammar from '../grammar/mcl.ohm-bundle.js';

// What Ohm lists when an expression could start: each alternative of `Primary`.
// (A description on `Primary` would say this too, but would hide failures inside lists.)
const EXPRESSION_STARTS: readonly string[] = [
  '"("',
  '"{"',
  '"["',
  '"if"',
  'a function like strings.split',
  'a resource reference like File',
  'a bool',
  'a number',
  'a variable like $name',
  'a string',
];
// Unary operators, folded in too when Ohm lists them.
const OPERAND_STARTS: readonly string[] = ['"!"', '"-"'];

// What Ohm lists where a statement could start (only "end of input" at the start of a file).
const STATEMENT_STARTS: readonly string[] = [
  'end of input',
  'a variable like $name',
  'a resource reference like File',
  'a resource kind like file',
  '"if"',
  '"for"',
  '"class"',
  '"include"',
  '"export"',
  '"collect"',
  '"func"',
  '"import"',
];

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
  let items: string[] = text.match(ITEM) ?? [];
  // After a value, `.field` and `[index]` are as possible as any operator: say it once.
  if (items.includes('an operator')) items = items.filter((i) => i !== '"."' && i !== '"["');
  if (items.includes('end of input') && items.every((i) => STATEMENT_STARTS.includes(i))) return 'a statement (a resource, an edge, a variable assignment, `if`, `for`, `class`, `include`, `export`, `collect`, `func` or `import`)';
  if (items.length === 0) return text;
  if (!EXPRESSION_STARTS.every((s) => items.includes(s))) return join(items);
  const rest = [...items.filter((i) => !EXPRESSION_STARTS.includes(i) && !OPERAND_STARTS.includes(i)), 'an expression'];
  return join(rest);
}

const join = (items: readonly string[]): string =>
  items.length === 1 ? items[0]! : items.length === 2 ? items.join(' or ') : `${items.slice(0, -1).join(', ')}, or ${items.at(-1)}`;
