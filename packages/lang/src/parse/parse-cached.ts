import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Program, TopStmt } from '../ast/nodes.js';
import { ParseCache } from './parse-cache.js';
import type * as Parser from './parse.js';
import type { ParseResult, SourceFile } from './parse.js';

// The parser (Ohm, the grammar, the AST semantics) takes ~25 ms to load; a program whose
// files are all in the parse cache never needs it, so it is loaded on the first real parse.
// (require() of an ES module: node >= 20.19, which this package requires.)
const require = createRequire(import.meta.url);
let parser: typeof Parser | undefined;
const load = (): typeof Parser => (parser ??= require('./parse.js') as typeof Parser);

/**
 * Parses one file. Syntax errors are returned, never thrown; a file with one has no AST.
 * Each `${…}` in a string is parsed as an expression of its own, with spans in the file.
 */
export const parse = (file: SourceFile): ParseResult => load().parse(file);

/**
 * `parse`, through a cache: a file whose text parsed cleanly before is not matched again.
 * Files with any diagnostic are never cached, so syntax errors are always fresh. Entries
 * hold no path (spans are offsets into the text): the path is attached here.
 */
export function parseCached(file: SourceFile, cache: ParseCache): ParseResult {
  const stmts = cache.get(file.text);
  if (stmts) return { ast: programOf(file, stmts), diagnostics: [] };
  const result = parse(file);
  if (result.ast && result.diagnostics.length === 0) cache.set(file.text, result.ast.stmts);
  return result;
}

const programOf = (file: SourceFile, stmts: readonly TopStmt[]): Program => ({
  type: 'program',
  file: file.path,
  stmts,
  span: { start: 0, end: file.text.length },
});

/**
 * A parse cache in `cacheDir`, keyed by this parser's identity; undefined when that identity
 * can't be known (the parser's files are not where they should be, as in a bundle).
 */
export function openParseCache(cacheDir: string, maxEntries?: number): ParseCache | undefined {
  const id = parserIdentity();
  return id === undefined ? undefined : new ParseCache(cacheDir, { identity: id, ...(maxEntries !== undefined ? { maxEntries } : {}) });
}

let identity: string | null | undefined; // null: unknown

/**
 * Whatever decides the AST of a text: the package and Ohm versions, and the text of the
 * grammar bundle and of the code that builds the AST. The package version alone would not
 * do: it stays the same while the parser is being worked on.
 */
function parserIdentity(): string | undefined {
  if (identity === undefined) {
    try {
      const here = new URL(import.meta.url);
      const ext = here.pathname.endsWith('.ts') ? '.ts' : '.js'; // source (tests, tsx) or dist
      const read = (rel: string): string => readFileSync(new URL(rel, here), 'utf8');
      const parts = [
        // src/parse/ and dist/parse/ are both two levels below the package.
        (JSON.parse(read('../../package.json')) as { version?: unknown }).version,
        ohmVersion(),
        read('../grammar/mcl.ohm-bundle.js'),
        ...['parse', 'to-ast', 'precedence', 'split', 'string-error'].map((name) => read(`./${name}${ext}`)),
      ];
      identity = parts.map(String).join('\0');
    } catch {
      identity = null;
    }
  }
  return identity ?? undefined;
}

function ohmVersion(): string {
  try {
    // `ohm-js` resolves to <pkg>/dist/ohm.cjs; its package.json is not exported.
    const pkg = JSON.parse(readFileSync(join(dirname(require.resolve('ohm-js')), '..', 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
    return pkg.name === 'ohm-js' ? String(pkg.version) : 'ohm-js ?';
  } catch {
    return 'ohm-js ?';
  }
}
