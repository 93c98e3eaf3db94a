/** The state is as the params say: nothing to do. */
export interface Converged {
  readonly ok: true;
}

/**
 * One change in structured form, for reporters and tools (`--noop` prints the `diff`s, the
 * event stream carries all of it). `param` names the param the change is about, so values of
 * a param marked secret (see `secretParams`) can be redacted by whoever shows it.
 */
export interface ChangeDetail {
  /** The param this change concerns (`content`, `mode`, `state`). */
  readonly param: string;
  /** The value found, when it can be shown (JSON-serialisable). */
  readonly from?: unknown;
  /** The value apply would set. */
  readonly to?: unknown;
  /** A unified diff (`--- a` / `+++ b` headers, `@@` hunks), for text-like values. */
  readonly diff?: string;
}

/**
 * The state differs. `diff` is passed unchanged to `apply`, so check's work is not repeated;
 * `changes` says in words what apply would do, and is what `--noop` reports.
 */
export interface Drifted<D> {
  readonly ok: false;
  readonly diff: D;
  /** Human-readable, one entry per change: `create /tmp/a`, `mode 0600 -> 0644`. */
  readonly changes: readonly string[];
  /**
   * Optional, structured: the same changes as `changes`, param by param. Never put the value
   * of a secret param here (nor in `changes`); reporters redact it as a second line of defence.
   */
  readonly details?: readonly ChangeDetail[];
}

/** What `check` returns. A union, so "converged but failed" cannot be written. */
export type CheckResult<D> = Converged | Drifted<D>;

export const converged: Converged = Object.freeze({ ok: true });

export const drifted = <D>(diff: D, changes: readonly string[], details?: readonly ChangeDetail[]): Drifted<D> =>
  details === undefined ? { ok: false, diff, changes } : { ok: false, diff, changes, details };
