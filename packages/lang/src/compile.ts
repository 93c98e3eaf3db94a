import { hasErrors, type Diagnostic, type KindRegistry, type ResourceGraph } from '@mgmt/resource';
import { evaluateLinked, type ProgramInputs } from './eval/evaluate.js';
import type { CollectedResource, ExportedResource } from './eval/world.js';
import { linkModules, type ImportReader, type LinkFile } from './modules/link.js';
import * as codes from './diagnostics/codes.js';
import { openParseCache, parse, parseCached } from './parse/parse-cached.js';
import type { ParseResult, SourceFile } from './parse/parse.js';
import { afterCheck, checkProgram } from './typecheck/program.js';

export interface CompileOptions {
  /** The kinds the program may use, with their param schemas. */
  readonly registry: KindRegistry;
  /** The host the program is evaluated for: `sys.hostname()`. Defaults to this machine's name. */
  readonly hostname?: string;
  /** The environment `sys.env()` reads. Defaults to `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /**
   * A directory for caches (created as needed, mode 0700). When set, the AST of each file
   * that parses cleanly is kept in `<cacheDir>/ast/`, keyed by a hash of its text, and
   * reused instead of parsing again. Best effort: a cache that can't be read or written
   * never changes the result.
   */
  readonly cacheDir?: string;
  /**
   * Reads imported files that are not among the files given to `compile`. Without it, such an
   * import is MCL_IMPORT_NOT_FOUND, so `compile` stays pure; `loadProgram` reads from disk.
   */
  readonly reader?: ImportReader;
  /**
   * The exported resources this host sees now (from the world): what `collect` statements
   * realize. Absent: none.
   */
  readonly collected?: readonly CollectedResource[];
  /** Reads files for `file.read` (absolute paths; throw to fail). From disk when absent. */
  readonly readFile?: (path: string) => string;
  /** Milliseconds since the epoch, for `datetime.now()`. `Date.now` when absent. */
  readonly now?: () => number;
  /**
   * The text of the host's os-release file, for `os.distro()` and `os.family()` ("" for none).
   * When absent, `/etc/os-release` (else `/usr/lib/os-release`) is read, at most once per compile.
   */
  readonly osRelease?: string;
}

export interface CompileResult {
  /** Present only when there is no error: a program with errors must not be applied. */
  readonly graph?: ResourceGraph;
  /** Every problem found, sorted by file and offset. */
  readonly diagnostics: Diagnostic[];
  /** The text of each file by path, for `renderDiagnostic`. */
  readonly sources: Map<string, string>;
  /** The resources to publish to the world under this host's name (empty when there is an error). */
  readonly exports: ExportedResource[];
  /** The kinds `collect` statements ask for, sorted: what to subscribe to. */
  readonly collects: string[];
  /** The reactive inputs used (also when there is an error): what to watch. */
  readonly inputs: ProgramInputs;
}

const byPosition = (a: Diagnostic, b: Diagnostic): number =>
  (a.file ?? '') < (b.file ?? '') ? -1 : (a.file ?? '') > (b.file ?? '') ? 1 : (a.span?.start ?? -1) - (b.span?.start ?? -1);

/**
 * Compiles a program (one file, or every file of a directory) to a resource graph. Files
 * are parsed one by one, then their imports resolved (a given file that another imports is
 * a module, not part of the main program), then all are checked before evaluation (types
 * and names, in all of the code: see src/typecheck/), then evaluated, in path order, as one
 * program; a file with a syntax error is neither checked nor evaluated. Synchronous, and
 * pure apart from the parse cache (`cacheDir`), which never changes the result.
 */
export function compile(files: readonly SourceFile[], opts: CompileOptions): CompileResult {
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const diagnostics: Diagnostic[] = [];
  const cache = opts.cacheDir ? openParseCache(opts.cacheDir) : undefined;
  // Deep nesting overflows the stack in Ohm's matcher or in the evaluator: a diagnostic, not a crash.
  const parseOne = (file: SourceFile): ParseResult =>
    guardDepth(() => (cache ? parseCached(file, cache) : parse(file)), () => ({ diagnostics: [codes.tooDeep(fileStart(file.path), 'parse')] }));
  const given = sorted.map((file): LinkFile => {
    const result = parseOne(file);
    diagnostics.push(...result.diagnostics);
    return { path: file.path, source: file.text, ...(result.ast ? { ast: result.ast } : {}) };
  });
  // Imported files go through the same (cached) parse, file by file.
  const linked = linkModules(given, { parse: parseOne, ...(opts.reader ? { reader: opts.reader } : {}) });
  cache?.prune();
  diagnostics.push(...linked.diagnostics);
  const first = sorted[0] && fileStart(sorted[0].path);
  const checked = guardDepth(
    () => checkProgram(linked, opts.registry).diagnostics,
    () => [codes.tooDeep(first, 'check')],
  );
  // Evaluation runs even after errors of the check: for the errors only values show, and for
  // the reactive inputs (what to watch); afterCheck keeps each error from being reported twice.
  const evaluated = guardDepth(
    () => evaluateLinked(linked, evalOptions(opts)),
    () => ({ graph: { resources: [], edges: [] }, diagnostics: [codes.tooDeep(first, 'evaluate')], exports: [], collects: [], inputs: { files: [], clock: false } }),
  );
  diagnostics.push(...checked, ...afterCheck(checked, evaluated.diagnostics));
  diagnostics.sort(byPosition);
  const sources = linked.sources;
  const { collects, inputs } = evaluated;
  return hasErrors(diagnostics)
    ? { diagnostics, sources, exports: [], collects, inputs }
    : { graph: evaluated.graph, diagnostics, sources, exports: evaluated.exports, collects, inputs };
}

const evalOptions = (opts: CompileOptions) => ({
  registry: opts.registry,
  ...(opts.hostname !== undefined ? { hostname: opts.hostname } : {}),
  ...(opts.env !== undefined ? { env: opts.env } : {}),
  ...(opts.collected ? { collected: opts.collected } : {}),
  ...(opts.readFile ? { readFile: opts.readFile } : {}),
  ...(opts.now ? { now: opts.now } : {}),
  ...(opts.osRelease !== undefined ? { osRelease: opts.osRelease } : {}),
});

const fileStart = (file: string) => ({ file, span: { start: 0, end: 0 } });

/** Runs `fn`; a stack overflow (RangeError from deep recursion) becomes `fallback()`. */
function guardDepth<T>(fn: () => T, fallback: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof RangeError && /call stack/i.test(err.message)) return fallback();
    throw err;
  }
}
