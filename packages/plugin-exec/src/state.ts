import type { ResourceContext, WatchContext } from '@mgmt/resource';
import type { ExecParams } from './params.js';
import type { ExecSends } from './sends.js';

/**
 * Per-vertex memory. It lives as long as the vertex, so "ran once since the engine started"
 * is exactly `ran`: a restarted agent (or a changed resource) runs an unguarded exec again.
 */
export interface ExecState {
  /** The command has completed successfully at least once in this vertex's life. */
  ran: boolean;
  /** The watchcmd printed a line since the last run started: the next check is drifted. */
  pending: boolean;
  /** Output of the last run (kept for the send/recv feature: `Exec["x"].stdout -> …`). */
  stdout?: string;
  stderr?: string;
  /** Exit code of the last run; undefined if it was killed or never started. */
  exitCode?: number;
}

export const createState = (): ExecState => ({ ran: false, pending: false });

export type ExecContext = ResourceContext<ExecParams, ExecState, ExecSends>;
export type ExecWatchContext = WatchContext<ExecParams, ExecState, ExecSends>;

/** Why check found the exec drifted; passed to apply and shown by `--noop`. */
export interface ExecDiff {
  readonly reason: string;
}
