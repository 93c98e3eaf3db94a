import { createRequire } from 'node:module';
import type * as Re2js from 're2js';
import type { Expr, Span } from '../ast/nodes.js';
import { spanInLiteral } from '../ast/string-span.js';

// Loaded on the first pattern, like the parser: a program without `=~` never pays the ~5 ms.
const require = createRequire(import.meta.url);
let re2js: typeof Re2js | undefined;
const load = (): typeof Re2js => (re2js ??= require('re2js') as typeof Re2js);

/**
 * Patterns are RE2, Go's syntax, matched in time linear in the input (re2js, a port of Go's
 * regexp): a backtracking engine (JavaScript's RegExp) can take exponential time on
 * `"aaaa…!" =~ "^(a+)+$"`, and a pattern or its input may come from another host (`collect`).
 */
export type Regex = Re2js.RE2JS;

/** Why a pattern does not compile, as facts: diagnostics/codes.ts words them. */
export interface RegexProblem {
  /** RE2's description, Go's wording: `missing closing )`. */
  readonly description: string;
  /** The part of the pattern at fault, as RE2 quotes it, if it does. */
  readonly fragment?: string;
  /** Where that part is in the pattern (UTF-16 offsets), when it can be told. */
  readonly at?: { readonly start: number; readonly end: number };
  /** Syntax of other engines that RE2 leaves out on purpose: it cannot run in linear time. */
  readonly unsupported?: 'lookahead' | 'lookbehind' | 'backreference';
}

export const isRegexProblem = (r: Regex | RegexProblem): r is RegexProblem => 'description' in r;

// Patterns repeat (a loop, a re-evaluation every second), so each compiles once; the bound
// keeps computed patterns, which could come from another host, from growing it forever.
const MAX_CACHED = 1000;
const cache = new Map<string, Regex | RegexProblem>();

/** The compiled pattern, or why it does not compile (also used before evaluation, for literal patterns). */
export function compileRegex(pattern: string): Regex | RegexProblem {
  let re = cache.get(pattern);
  if (re === undefined) {
    re = compileUncached(pattern);
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(pattern, re);
  }
  return re;
}

function compileUncached(pattern: string): Regex | RegexProblem {
  const { RE2JS, RE2JSSyntaxException } = load();
  try {
    return RE2JS.compile(pattern);
  } catch (err) {
    if (!(err instanceof RE2JSSyntaxException)) throw err;
    return describe(pattern, err.getDescription(), err.getPattern() ?? undefined);
  }
}

function describe(pattern: string, description: string, fragment: string | undefined): RegexProblem {
  const at = locate(pattern, description, fragment);
  const quoted = fragment !== undefined ? { fragment } : {};
  if (!at) return { description, ...quoted };
  // RE2 calls these an unsupported Perl syntax, an invalid named capture or escape: say what they are.
  const text = pattern.slice(at.start, at.end);
  const lookaround = /^\(\?<?[=!]/.exec(text)?.[0];
  const backreference = pattern.startsWith('(?P=', at.start) ? '(?P=' : /^\\[1-9k]$/.test(text) ? text : undefined;
  const shown = lookaround ?? backreference;
  if (shown) {
    const unsupported = !lookaround ? 'backreference' : lookaround.includes('<') ? 'lookbehind' : 'lookahead';
    return { description, fragment: shown, at: { start: at.start, end: at.start + shown.length }, unsupported };
  }
  // A fault of the whole pattern (`missing closing )`) is shown at the whole expression.
  return at.start > 0 || at.end < pattern.length ? { description, ...quoted, at } : { description, ...quoted };
}

/** At most this many places are tried for a fragment that occurs several times. */
const MAX_TRIES = 16;

/**
 * Where in the pattern the fragment RE2 quotes is (RE2 quotes text, not offsets). Parsing
 * goes left to right and stops at the fragment's end, so the pattern cut there fails the
 * same way, and so does one more character; a place where only the cut fails (`(?P` cut from
 * a good `(?P<name>`) is not it.
 */
function locate(pattern: string, description: string, fragment: string | undefined): { start: number; end: number } | undefined {
  if (fragment === undefined) return description.startsWith('trailing backslash') ? { start: pattern.length - 1, end: pattern.length } : undefined;
  const same = (end: number): boolean => end >= pattern.length || failsWith(pattern.slice(0, end), description, fragment);
  let tries = 0;
  for (let i = pattern.indexOf(fragment); i !== -1 && tries < MAX_TRIES; i = pattern.indexOf(fragment, i + 1), tries++) {
    const end = i + fragment.length;
    if (same(end) && same(end + 1)) return { start: i, end };
  }
  return undefined;
}

function failsWith(pattern: string, description: string, fragment: string): boolean {
  const { RE2JS, RE2JSSyntaxException } = load();
  try {
    RE2JS.compile(pattern);
    return false;
  } catch (err) {
    return err instanceof RE2JSSyntaxException && err.getDescription() === description && err.getPattern() === fragment;
  }
}

/** Where to point for a problem of the pattern `e`: at the part at fault inside a literal, else at `e`. */
export const problemSpan = (e: Expr, problem: RegexProblem, source: string): Span =>
  (problem.at && spanInLiteral(e, source, problem.at.start, problem.at.end)) ?? e.span;
