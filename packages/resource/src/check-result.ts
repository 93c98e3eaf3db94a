/** The state is as the params say: nothing to do. */
export interface Converged {
  readonly ok: true;
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
}

/** What `check` returns. A union, so "converged but failed" cannot be written. */
export type CheckResult<D> = Converged | Drifted<D>;

export const converged: Converged = Object.freeze({ ok: true });

export const drifted = <D>(diff: D, changes: readonly string[]): Drifted<D> => ({
  ok: false,
  diff,
  changes,
});
