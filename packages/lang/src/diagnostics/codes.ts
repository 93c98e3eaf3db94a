import type { Diagnostic, Span } from '@mgmt/resource';
import type { RegexProblem } from '../eval/regex.js';
import type { StringProblem } from '../parse/string-error.js';

/**
 * Every diagnostic @mgmt/lang produces, one factory per code, alphabetical. Call sites pass
 * facts; all wording lives here. docs/errors.md explains each code with an example and a fix.
 */

/** Where in a file a diagnostic points. */
export interface At {
  readonly file: string;
  readonly span: Span;
}

/** A 1-based position, for hints that point somewhere else ("first declared at …"). */
export interface Location {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** What a type mismatch is about; the factory turns it into words. */
export type MismatchSubject =
  | { readonly param: string; readonly kind: string }
  | { readonly metaparam: string }
  | { readonly relationship: string }
  | { readonly resource: string }
  | { readonly operator: string }
  | { readonly func: string; readonly argument: number }
  | { readonly callee: string; readonly argument: string }
  | { readonly role: 'resource name' | 'reference name' | 'map key' | 'interpolation' | 'condition' | 'index' | 'field access' | 'loop' | 'export target' | 'collect filter' };

const error = (code: string, message: string, at?: At, extra: Partial<Diagnostic> = {}): Diagnostic => ({
  code,
  severity: 'error',
  message,
  ...(at ? { file: at.file, span: at.span } : {}),
  ...extra,
});

const loc = (l: Location): string => `${l.file}:${l.line}:${l.column}`;
const didYouMean = (s: string | undefined): string => (s ? `did you mean \`${s}\`? ` : '');
const docs = (kind: string, first = false): string => `${first ? 'see' : 'See'} \`mgmt docs ${kind}\`.`;

function subjectText(s: MismatchSubject): string {
  if ('param' in s) return `param \`${s.param}\` of \`${s.kind}\``;
  if ('metaparam' in s) return `metaparam \`Meta:${s.metaparam}\``;
  if ('relationship' in s) return `\`${s.relationship}\``;
  if ('resource' in s) return `resource \`${s.resource}\``;
  if ('operator' in s) return `\`${s.operator}\``;
  if ('func' in s) return `argument ${s.argument} of \`${s.func}\``;
  if ('callee' in s) return `argument \`$${s.argument}\` of ${s.callee}`;
  return s.role;
}

/** `signature` is how the function is declared, e.g. `strings.split(s: string, sep: string): list`. */
export const arity = (at: At, func: string, expected: string, found: number, signature: string): Diagnostic =>
  error('MCL_ARITY', `\`${func}\` takes ${expected}, found ${found}`, at, { hint: `it is \`${signature}\`` });

/** `collect KIND` without `where`, for a kind whose resources run commands (its `capabilities.runsCommands`). */
export const collectNeedsWhere = (at: At, kind: string): Diagnostic =>
  error('MCL_COLLECT_NEEDS_WHERE', `collecting \`${kind}\` resources needs a \`where\`: without one, any host could make this host run a command by exporting one`, at, {
    hint: `say whose to take: \`collect ${kind} where $host == "builder1"\`; \`where true\` takes every host's, on purpose`,
  });

export const divisionByZero = (at: At, op: string): Diagnostic =>
  error('MCL_DIVISION_BY_ZERO', `division by zero in \`${op}\``, at, { hint: 'the right operand is 0; check it first with `if`' });

export const duplicateKey = (at: At, what: 'param' | 'map key', key: string, first: Location): Diagnostic =>
  error('MCL_DUPLICATE_KEY', `${what} \`${key}\` is set twice`, at, { hint: `the first is at ${loc(first)}; remove one` });

/** A class, a function or an import name defined twice in one module, or an import named like a standard module. */
export const duplicateName = (at: At, what: 'class' | 'function' | 'import', name: string, first?: Location): Diagnostic =>
  error('MCL_DUPLICATE_NAME', first ? `${what} \`${name}\` is already defined` : `import \`${name}\` has the name of a standard module`, at, {
    hint: first ? `the first is at ${loc(first)}; rename one` : `bind it to another name: \`import "…" as other\``,
  });

/** Where the two resources of a duplicate come from, when an `include` declared them. */
export interface IncludeSites {
  readonly first?: Location;
  readonly second?: Location;
}

/**
 * `sameAs` is set when the two resources have different names but the same identity;
 * `again` when both come from one declaration (a loop body, or a class included twice).
 */
/** `slot` is `file[/tmp/f].content`; `first` and `second` are `exec[a].stdout`. */
export const duplicateRecv = (at: At, slot: string, first: string, second: string): Diagnostic =>
  error('MCL_DUPLICATE_RECV', `\`${slot}\` receives from both \`${first}\` and \`${second}\``, at, {
    hint: 'a param receives from one sender only: remove one of these edges',
  });

export const duplicateResource = (at: At, ref: string, first: Location, sameAs?: { ref: string; id: string }, again = false, via: IncludeSites = {}): Diagnostic =>
  error(
    'MCL_DUPLICATE_RESOURCE',
    sameAs
      ? `resource \`${ref}\` is the same as \`${sameAs.ref}\` (both have identity \`${sameAs.id}\`)`
      : `resource \`${ref}\` is declared twice`,
    at,
    { hint: duplicateHint(first, again, via) },
  );

function duplicateHint(first: Location, again: boolean, via: IncludeSites): string {
  if (again && via.first && via.second && loc(via.first) !== loc(via.second)) {
    return `the class is included at ${loc(via.first)} and again, with other arguments, at ${loc(via.second)}; both declare it: make its name depend on a param`;
  }
  if (again) return 'an earlier iteration of the loop declared it too: make the name depend on a loop variable';
  const firstVia = via.first ? ` (by the include at ${loc(via.first)})` : '';
  const secondVia = via.second ? `; this one comes from the include at ${loc(via.second)}` : '';
  return `the first is declared at ${loc(first)}${firstVia}${secondVia}`;
}

/** At most this many other edges of a cycle are listed in its hint. */
const CYCLE_EDGES_SHOWN = 8;

/** `chain` is the cycle from the closing edge's source back to it; `others` the cycle's other edges, in order. */
export const edgeCycle = (at: At, chain: string, others: readonly { edge: string; at: Location }[]): Diagnostic => {
  const listed = others.slice(0, CYCLE_EDGES_SHOWN).map((o) => `\`${o.edge}\` at ${loc(o.at)}`);
  if (others.length > CYCLE_EDGES_SHOWN) listed.push(`${others.length - CYCLE_EDGES_SHOWN} more`);
  return error('MCL_EDGE_CYCLE', `this edge closes a cycle: ${chain}`, at, {
    hint:
      others.length === 0
        ? 'a resource cannot come before itself: remove the edge'
        : `${others.length === 1 ? 'the other edge of the cycle is' : 'the other edges of the cycle are'} ${listed.join(', ')}; an edge orders its two resources, so remove or reverse one of them`,
  });
};

export const exportUnsupported = (at: At, key: string): Diagnostic =>
  error('MCL_EXPORT_UNSUPPORTED', `\`${key}\` cannot be exported: an exported resource carries its params only`, at, {
    hint: key.startsWith('Meta:') ? 'set metaparams where the resource is collected: `collect kind { Meta:… => … }`' : 'declare the relationship where the resource is collected: `collect kind { Before => … }` or an edge there',
  });

export const fileNotFound = (path: string): Diagnostic =>
  error('MCL_FILE_NOT_FOUND', `no such file or directory: ${path}`, undefined, { hint: 'pass an .mcl file or a directory of them' });

/** `chain` is the functions being called, the first called again at the end. */
export const functionCycle = (at: At, chain: readonly string[]): Diagnostic =>
  error('MCL_FUNCTION_CYCLE', `function \`${chain[0]}\` calls itself: ${chain.join(' -> ')}`, at, { hint: 'functions may not be recursive; compute the value another way (a `for` loop, a list function)' });

/** `chain` is the modules, from the one imported again to itself. */
export const importCycle = (at: At, chain: readonly string[]): Diagnostic =>
  error('MCL_IMPORT_CYCLE', `import cycle: ${chain.join(' -> ')}`, at, { hint: 'modules may not import each other in a circle; move what both need into a third module' });

export const importNotFound = (at: At, path: string, dir: boolean): Diagnostic =>
  error('MCL_IMPORT_NOT_FOUND', dir ? `no folder \`${path}\` with .mcl files` : `no file \`${path}\``, at, {
    hint: 'an import path is relative to the folder of the file that imports it',
  });

/** `chain` is the classes being included, the first included again at the end. */
export const includeCycle = (at: At, chain: readonly string[]): Diagnostic =>
  error('MCL_INCLUDE_CYCLE', `class \`${chain[0]}\` includes itself: ${chain.join(' -> ')}`, at, { hint: 'a class may not include itself, directly or through other classes' });

export const indexOutOfRange = (at: At, index: number, length: number): Diagnostic =>
  error('MCL_INDEX_OUT_OF_RANGE', `index ${index} is out of range for a list of ${length} element${length === 1 ? '' : 's'}`, at, {
    hint: length === 0 ? 'the list is empty' : `indexes go from 0 to ${length - 1}`,
  });

/** A function refused an argument of the right type (`reason` says why). */
export const invalidArgument = (at: At, func: string, reason: string): Diagnostic => error('MCL_INVALID_ARGUMENT', `\`${func}\`: ${reason}`, at);

/** `needsAlias`: the path is fine but gives no usable name. */
export const invalidImport = (at: At, reason: string, needsAlias = false): Diagnostic =>
  error('MCL_INVALID_IMPORT', `invalid import: ${reason}`, at, {
    hint: needsAlias ? 'name it: `import "…" as name`, or merge it with `as *`' : 'write `import "file.mcl"` or `import "folder/"`',
  });

/** A value of the right type that the schema refuses (a pattern, a range, an enum). */
export const invalidParam = (at: At, subject: MismatchSubject, reason: string, path: readonly (string | number)[]): Diagnostic =>
  error('MCL_INVALID_PARAM', `${subjectText(subject)}: ${reason}`, at, { path, ...('kind' in subject ? { hint: docs(subject.kind, true) } : {}) });

/** A pattern RE2 refuses: its description and the part at fault. */
export const invalidRegex = (at: At, problem: RegexProblem): Diagnostic => {
  const { description, fragment, unsupported } = problem;
  const quoted = fragment !== undefined ? `: \`${fragment}\`` : '';
  if (unsupported) {
    return error('MCL_INVALID_REGEX', `invalid regular expression: ${unsupported}s are not supported${quoted}`, at, {
      hint: 'patterns are RE2 (Go) syntax, which has no lookarounds or backreferences so that matching takes linear time; match a wider pattern, or combine several `=~` with `&&` and `!`',
    });
  }
  return error('MCL_INVALID_REGEX', `invalid regular expression: ${description}${quoted}`, at, {
    hint: 'patterns are RE2 (Go) syntax; in an mcl string a backslash is written `\\\\`',
  });
};

export const missingKey = (at: At, key: string, suggestion: string | undefined, keys: readonly string[]): Diagnostic =>
  error('MCL_MISSING_KEY', `the map has no key \`${key}\``, at, {
    hint: suggestion ? `did you mean \`${suggestion}\`?` : keys.length === 0 ? 'the map is empty' : `its keys are ${keys.map((k) => `\`${k}\``).join(', ')}; use \`map.has_key\` to test first`,
  });

export const missingParam = (at: At, kind: string, ref: string, param: string): Diagnostic =>
  error('MCL_MISSING_PARAM', `resource \`${ref}\` is missing the required param \`${param}\``, at, {
    path: [param],
    hint: `add \`${param} => …\`. ${docs(kind)}`,
  });

export const noSourceFiles = (dir: string): Diagnostic =>
  error('MCL_NO_SOURCE_FILES', `directory ${dir} has no .mcl files`, undefined, { hint: 'only top-level *.mcl files are read' });

/** `at` is the import that needed the file, if any. */
export const readFailed = (path: string, reason: string, at?: At): Diagnostic =>
  error('MCL_READ_FAILED', `cannot read ${path}: ${reason}`, at);

/** A likely cause of a syntax error, guessed from the text before it. */
export type SyntaxHint = { readonly comma: true } | { readonly openString: Location };

/** What went wrong: Ohm's "expected …" at a token (undefined at the end of the file), or a string that does not lex. */
export type SyntaxCause = { readonly expected: string; readonly found: string | undefined; readonly guess?: SyntaxHint } | StringProblem;

const STRING_PROBLEMS = {
  unterminated: ['unterminated string', 'close it with `"`; write `\\"` for a quote inside a string'],
  interpolation: ['unterminated `${` in a string', 'close it with `}`; write `\\$` for a literal `$`'],
} as const;

function syntaxText(c: SyntaxCause): { message: string; hint?: string } {
  if ('problem' in c) {
    if (c.problem === 'escape') return { message: `unknown escape \`${c.escape}\` in a string`, hint: 'the escapes are `\\n`, `\\t`, `\\r`, `\\"`, `\\\\` and `\\$`' };
    const [message, hint] = STRING_PROBLEMS[c.problem];
    return { message, hint };
  }
  const message = `${c.found === undefined ? 'unexpected end of file' : `unexpected \`${c.found}\``}, expected ${c.expected}`;
  if (c.guess && 'comma' in c.guess) return { message, hint: 'is a `,` missing at the end of the previous line?' };
  if (c.guess) return { message, hint: `the string opened at ${loc(c.guess.openString)} spans several lines; is its closing \`"\` missing?` };
  return { message };
}

export const sendRecvChain = (at: At): Diagnostic =>
  error('MCL_SEND_RECV_CHAIN', 'a send/recv field is allowed only on an edge between two resources', at, {
    hint: 'write each pair as its own edge, `Exec["e"].stdout -> File["/tmp/f"].content`, and chain the rest with plain edges',
  });

export const sendRecvHalf = (at: At, missing: 'sender' | 'receiver'): Diagnostic =>
  error('MCL_SEND_RECV_HALF', `a send/recv edge needs a field on both ends: the ${missing} has none`, at, {
    hint: missing === 'receiver' ? 'name the param that receives: `-> File["/tmp/f"].content`' : 'name the value sent: `Exec["e"].stdout -> …`',
  });

/** `sender` is `exec` and `output` `exitcode`; `found` and `expected` are type names. */
export const sendRecvMismatch = (at: At, sender: string, output: string, found: string, kind: string, param: string, expected: string): Diagnostic =>
  error('MCL_SEND_RECV_MISMATCH', `output \`${output}\` of \`${sender}\` is ${found}, but param \`${param}\` of \`${kind}\` takes ${expected}`, at, {
    hint: `see \`mgmt docs ${sender}\` and \`mgmt docs ${kind}\``,
  });

export const syntaxError = (at: At, cause: SyntaxCause): Diagnostic => {
  const { message, hint } = syntaxText(cause);
  return error('MCL_SYNTAX', message, at, hint ? { hint } : {});
};

export const tooDeep = (at: At | undefined, stage: 'parse' | 'check' | 'evaluate'): Diagnostic =>
  error('MCL_TOO_DEEP', `the program nests too deeply to ${stage}`, at, {
    hint: 'split the deepest expression into variables (thousands of nested parentheses, a very long `+` chain, or a very long chain of includes or calls)',
  });

export const typeMismatch = (at: At, subject: MismatchSubject, expected: string, found: string, path?: readonly (string | number)[]): Diagnostic =>
  error('MCL_TYPE_MISMATCH', `${subjectText(subject)}: expected ${expected}, found ${found}`, at, {
    ...(path ? { path } : {}),
    ...('kind' in subject ? { hint: docs(subject.kind, true) } : {}),
  });

export const undefinedVariable = (at: At, name: string, suggestion?: string): Diagnostic =>
  error('MCL_UNDEFINED_VARIABLE', `variable \`$${name}\` is not defined`, at, {
    hint: suggestion ? `did you mean \`$${suggestion}\`?` : `define it at top level: \`$${name} = …\``,
  });

export const unknownClass = (at: At, name: string, suggestion?: string): Diagnostic =>
  error('MCL_UNKNOWN_CLASS', `unknown class \`${name}\``, at, {
    hint: suggestion ? `did you mean \`${suggestion}\`?` : 'define it with `class name(…) { … }`, or import the module that does',
  });

export const unknownEdgeTarget = (at: At, ref: string, suggestion?: string): Diagnostic =>
  error('MCL_UNKNOWN_EDGE_TARGET', `no resource \`${ref}\` is declared`, at, {
    hint: suggestion ? `did you mean \`${suggestion}\`?` : 'an edge may only name resources declared in the program',
  });

export const unknownFunction = (at: At, name: string, suggestion?: string): Diagnostic =>
  error('MCL_UNKNOWN_FUNCTION', `unknown function \`${name}\``, at, {
    hint: suggestion ? `did you mean \`${suggestion}\`?` : 'the functions are listed in docs/language.md',
  });

export const unknownKind = (at: At, kind: string, plugin: string, suggestion?: string): Diagnostic =>
  error('MCL_UNKNOWN_KIND', `unknown resource kind \`${kind}\``, at, {
    hint: `${didYouMean(suggestion)}${suggestion ? 'Otherwise run' : 'run'} \`mgmt plugin add ${plugin}\``,
  });

/** `kind` is undefined for an unknown `Meta:` key. */
export const unknownParam = (at: At, kind: string | undefined, key: string, suggestion: string | undefined, known: readonly string[]): Diagnostic => {
  const listed = known.map((k) => `\`${k}\``).join(', ');
  const help = suggestion ? didYouMean(suggestion) : kind ? `${listed ? `its params are ${listed}` : 'it has no params'}. ` : `the metaparams are ${listed}. `;
  return error('MCL_UNKNOWN_PARAM', kind ? `kind \`${kind}\` has no param \`${key}\`` : `unknown metaparam \`${key}\``, at, {
    path: [key],
    hint: kind ? `${help}${docs(kind)}` : help.trimEnd(),
  });
};

export const unknownSend = (at: At, kind: string, output: string, suggestion: string | undefined, known: readonly string[]): Diagnostic =>
  error('MCL_UNKNOWN_SEND', known.length > 0 ? `kind \`${kind}\` does not send \`${output}\`` : `kind \`${kind}\` sends nothing`, at, {
    hint: known.length > 0 ? `${didYouMean(suggestion)}it sends ${known.map((k) => `\`${k}\``).join(', ')}. ${docs(kind)}` : `only kinds that declare \`sends\` can be the sender of a send/recv edge. ${docs(kind)}`,
  });

export const variableCycle = (at: At, name: string): Diagnostic =>
  error('MCL_VARIABLE_CYCLE', `variable \`$${name}\` depends on itself`, at, { hint: 'break the cycle: a variable cannot be defined in terms of itself' });

export const variableRedefined = (at: At, name: string, first: Location): Diagnostic =>
  error('MCL_VARIABLE_REDEFINED', `variable \`$${name}\` is already defined`, at, {
    hint: `the first definition is at ${loc(first)}; variables cannot be reassigned`,
  });

export const variableShadowed = (at: At, name: string, outer: Location): Diagnostic =>
  error('MCL_VARIABLE_SHADOWED', `variable \`$${name}\` hides the one defined at ${loc(outer)}`, at, {
    hint: 'a variable in a block (an `if` or a `for`) may not reuse an outer name; rename it',
  });
