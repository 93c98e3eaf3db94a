import type { RunSummary } from '@mgmt/engine';
import type { ApplyStats } from './apply-stats.js';

/**
 * Puppet's `--detailed-exitcodes`: 0 nothing changed, 2 something changed (or in noop would
 * have), 4 something failed or was blocked, 6 both. A failed apply is a failure, not a change
 * (the summary's `changed` counts it, as a vertex that was drifted, so it is not used here).
 */
export const detailedExitCode = (summary: RunSummary, stats: ApplyStats): number =>
  (stats.changed.size > 0 ? 2 : 0) | (summary.failed + summary.blocked > 0 ? 4 : 0);
