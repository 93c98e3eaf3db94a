import { scan } from './string-error.js';

// A statement can end with these: a body, list or map, a reference, a string, a word.
const ENDS_STATEMENT = /[\])}"\w]/;
// A line that starts a statement: a kind, a keyword, a reference, or an assignment. Not
// `else`, `in`, `as` or `where`, which continue an `if`, a `for`, an `import` or a `collect`.
const STARTS_STATEMENT = /[ \t]*(?:(?!(?:else|in|as|where)(?![\w:]))[a-z]|[A-Z][\w:]*[ \t]*\[|\$\w+[ \t]*=(?![=>~]))/y;

/**
 * Offsets (the first is 0) where the file can be cut into groups of whole top-level
 * statements, each at least `min` characters long.
 *
 * Why: Ohm's memo table costs about 1 KB of heap per input character and lives until the
 * match ends, so a large file matched in one piece spends most of its time in GC. Matched
 * group by group it is 2-3 times faster and needs little memory.
 *
 * A cut is made only where no statement can continue: at a line break outside any brackets
 * and strings, after a character that can end a statement, before a line that starts one.
 * (The grammar has no juxtaposition, so nothing else can follow a complete statement.)
 */
export function statementCuts(text: string, min: number): number[] {
  const cuts = [0];
  let depth = 0;
  let last = ''; // the last character that is not whitespace or comment
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"') {
      const end = scan(text, i);
      if (typeof end !== 'number') return cuts; // the parser will report it
      i = end - 1;
      last = '"';
    } else if (ch === '#') {
      const nl = text.indexOf('\n', i);
      i = (nl === -1 ? text.length : nl) - 1;
    } else if (ch === '\n') {
      STARTS_STATEMENT.lastIndex = i + 1;
      if (depth === 0 && i + 1 - cuts.at(-1)! >= min && ENDS_STATEMENT.test(last) && STARTS_STATEMENT.test(text)) cuts.push(i + 1);
    } else if (ch > ' ') {
      if (ch === '{' || ch === '[' || ch === '(') depth++;
      else if (ch === '}' || ch === ']' || ch === ')') depth--;
      last = ch;
    }
  }
  return cuts;
}
