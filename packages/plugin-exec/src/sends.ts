import { z } from '@mgmt/resource';
import type { RunResult } from './run.js';
import type { ExecContext } from './state.js';

/**
 * Each sent value is cut to this many characters (1 MiB of ASCII). Every line is logged
 * anyway; what is sent is held in memory and compared on every send, and a receiver (a file's
 * content) rarely wants more. A cut is logged as a warning, and the run still succeeds:
 * whether a command works does not depend on how much it prints.
 */
export const SEND_LIMIT = 1024 * 1024;

/**
 * What an exec sends after each run that exited (`Exec["e"].stdout -> File["f"].content`).
 * The Go mgmt's exec sends `output`, `stdout` and `stderr`; `exitcode` is ours.
 */
export const execSends = z.object({
  output: z.string().describe('stdout and stderr of the last run, interleaved as they arrived'),
  stdout: z.string().describe('stdout of the last run'),
  stderr: z.string().describe('stderr of the last run'),
  exitcode: z.number().int().describe('exit code of the last run (non-zero only when the run failed)'),
});

export type ExecSends = z.input<typeof execSends>;

/** Sends a finished run's output, each value cut to `SEND_LIMIT` (with a warning). */
export function sendOutput(ctx: ExecContext, result: RunResult, exitcode: number): void {
  const cut = (name: string, text: string, dropped: boolean): string => {
    if (text.length <= SEND_LIMIT && !dropped) return text;
    ctx.log.warn(`${name} is over ${SEND_LIMIT} characters: only its first ${SEND_LIMIT} are sent`);
    return text.slice(0, SEND_LIMIT);
  };
  ctx.send?.({
    output: cut('output', result.output, result.truncated.output),
    stdout: cut('stdout', result.stdout, result.truncated.stdout),
    stderr: cut('stderr', result.stderr, result.truncated.stderr),
    exitcode,
  });
}
