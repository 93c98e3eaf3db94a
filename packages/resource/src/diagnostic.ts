/** How bad a diagnostic is: an `error` stops the pipeline, so nothing is applied. */
export type Severity = 'error' | 'warning';

/** A 0-based, end-exclusive range of character offsets in one source file. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** An exported resource as a collecting host knows it: who exported it, and which it is. */
export interface ExportRef {
  readonly host: string;
  readonly kind: string;
  readonly name: string;
}

/**
 * One problem found in a program, a plugin or a run. Diagnostics are values: every stage
 * (parse, check, evaluate, param validation) returns an array of them, so one run reports
 * every error it can find. Exceptions are reserved for broken invariants.
 *
 * @example
 * { code: 'MCL_UNKNOWN_PARAM', severity: 'error', message: 'kind `file` has no param `mdoe`',
 *   file: 'web.mcl', span: { start: 120, end: 124 }, hint: 'did you mean `mode`?' }
 */
export interface Diagnostic {
  /** A descriptive SCREAMING_SNAKE code, prefixed by stage (`MCL_`, `ENGINE_`, `WORLD_`). */
  readonly code: string;
  readonly severity: Severity;
  /** One sentence, lower case, no trailing period. */
  readonly message: string;
  /** The source file the span points into, as the user named it. */
  readonly file?: string;
  readonly span?: Span;
  /** A param path inside a resource, such as `['mode']`, when the problem is in one param. */
  readonly path?: readonly (string | number)[];
  /** What to do about it: "did you mean `mode`?", "run `mgmt plugin add …`". */
  readonly hint?: string;
  readonly url?: string;
  /**
   * The collected exports (other hosts' resources, or this host's own) that the problem is
   * about, when it is about them and not about the program: an agent may leave those out
   * and apply the rest, since another host's mistake must not stop this one.
   */
  readonly exports?: readonly ExportRef[];
}

/** True when any diagnostic in the list is an error (warnings never stop a run). */
export const hasErrors = (diagnostics: readonly Diagnostic[]): boolean =>
  diagnostics.some((d) => d.severity === 'error');
