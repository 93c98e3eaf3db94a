import { hasErrors, type Diagnostic, type KindRegistry, type ResourceGraph } from '@mgmt/resource';
import { evaluate, type ParsedFile } from './eval/evaluate.js';
import { parse, type SourceFile } from './parse/parse.js';

export interface CompileOptions {
  /** The kinds the program may use, with their param schemas. */
  readonly registry: KindRegistry;
  /** The host the program is evaluated for (for `sys.hostname()` once functions exist). */
  readonly hostname?: string;
}

export interface CompileResult {
  /** Present only when there is no error: a program with errors must not be applied. */
  readonly graph?: ResourceGraph;
  /** Every problem found, sorted by file and offset. */
  readonly diagnostics: Diagnostic[];
  /** The text of each file by path, for `renderDiagnostic`. */
  readonly sources: Map<string, string>;
}

const byPosition = (a: Diagnostic, b: Diagnostic): number =>
  (a.file ?? '') < (b.file ?? '') ? -1 : (a.file ?? '') > (b.file ?? '') ? 1 : (a.span?.start ?? -1) - (b.span?.start ?? -1);

/**
 * Compiles a program (one file, or every file of a directory) to a resource graph. Files
 * are parsed one by one, then evaluated together, in path order, as one program; a file
 * with a syntax error is not evaluated. Pure and synchronous.
 */
export function compile(files: readonly SourceFile[], opts: CompileOptions): CompileResult {
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const sources = new Map(sorted.map((f) => [f.path, f.text]));
  const diagnostics: Diagnostic[] = [];
  const parsed: ParsedFile[] = [];
  for (const file of sorted) {
    const result = parse(file);
    diagnostics.push(...result.diagnostics);
    if (result.ast) parsed.push({ ast: result.ast, source: file.text });
  }
  const evaluated = evaluate(parsed, {
    registry: opts.registry,
    ...(opts.hostname !== undefined ? { hostname: opts.hostname } : {}),
    incomplete: parsed.length < sorted.length,
  });
  diagnostics.push(...evaluated.diagnostics);
  diagnostics.sort(byPosition);
  return hasErrors(diagnostics) ? { diagnostics, sources } : { graph: evaluated.graph, diagnostics, sources };
}
