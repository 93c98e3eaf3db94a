/** What check found and apply does: the unit, and which of its two sides to change. */
export interface SvcDiff {
  readonly unit: string;
  readonly startup?: 'enable' | 'disable';
  readonly active?: 'start' | 'stop';
}

/** ActiveStates that count as `running`; `activating` is drift (StartUnit then waits for it). */
export const RUNNING = new Set(['active', 'reloading']);
/** ActiveStates that count as `stopped`. */
export const STOPPED = new Set(['inactive', 'failed']);
/** UnitFileStates that `startup => "disabled"` must undo. */
export const ENABLED = new Set(['enabled', 'enabled-runtime']);
