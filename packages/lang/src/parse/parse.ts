import type { Diagnostic } from '@mgmt/resource';
import type { Expr, Program, TopStmt } from '../ast/nodes.js';
import grammar from '../grammar/mcl.ohm-bundle.js';
import { statementCuts } from './split.js';
import { syntaxDiagnostic } from './syntax-error.js';
import { toExpr, toStmts, type InterpParser } from './to-ast.js';

/** One source file, as named by the user, and its text. */
export interface SourceFile {
  readonly path: string;
  readonly text: string;
}

export interface ParseResult {
  /** Present only when the file has no syntax error. */
  readonly ast?: Program;
  readonly diagnostics: Diagnostic[];
}

/** Statements are matched in groups of about this many characters (see statementCuts). */
const GROUP = 512;
const BARE_NAME = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*$/;

/**
 * Parses one file. Syntax errors are returned, never thrown; a file with one has no AST.
 * Each `${…}` in a string is parsed as an expression of its own, with spans in the file.
 */
export const parse = (file: SourceFile): ParseResult => parseInGroups(file, GROUP);

/** `parse`, matching groups of at least `group` characters (Infinity: the whole file at once). */
export function parseInGroups(file: SourceFile, group: number): ParseResult {
  const { path, text } = file;
  const diagnostics: Diagnostic[] = [];
  const interp: InterpParser = (inner, start) => {
    // `${name}` is the variable `$name` (the Go mgmt's form); skip Ohm for this common case.
    const bare = BARE_NAME.exec(inner);
    if (bare && bare[1] !== 'true' && bare[1] !== 'false') {
      const offset = start + inner.indexOf(bare[1]!);
      return { type: 'var', name: bare[1]!, span: { start: offset, end: offset + bare[1]!.length } };
    }
    const sub = grammar.match(inner, 'Expr');
    if (sub.failed()) {
      diagnostics.push(syntaxDiagnostic(path, text, sub, start));
      return { type: 'str', parts: [''], span: { start, end: start } };
    }
    return toExpr(sub, start, interp);
  };

  const cuts = Number.isFinite(group) ? statementCuts(text, group) : [0];
  const stmts: TopStmt[] = [];
  for (let i = 0; i < cuts.length; i++) {
    const start = cuts[i]!;
    const m = grammar.match(text.slice(start, cuts[i + 1]));
    if (m.failed()) {
      // Earlier groups matched whole statements, so matching from the previous group to the
      // end fails exactly where matching the whole file would, with the same "expected …".
      // (Not from this group: Ohm says less about a failure at the very start of its input.)
      const from = cuts[Math.max(0, i - 1)]!;
      const rest = grammar.match(text.slice(from));
      return { diagnostics: rest.failed() ? [syntaxDiagnostic(path, text, rest, from)] : [] };
    }
    stmts.push(...toStmts(m, start, interp));
  }
  if (diagnostics.length > 0) return { diagnostics };
  return { ast: { type: 'program', file: path, stmts, span: { start: 0, end: text.length } }, diagnostics };
}
