import { collectLines, keepText } from './output.js';
import type { Command } from './params.js';
import { spawnGroup, terminateGroup } from './process-group.js';

/**
 * After the command exits, how long its stdout/stderr may stay open. A background process it
 * left behind (`daemon &`) inherits the pipes; we stop reading rather than wait for it.
 */
export const DRAIN_MS = 250;

/** How a run ended. Only `exited` with code 0 is a success. */
export type Outcome =
  | { readonly type: 'exited'; readonly code: number }
  | { readonly type: 'signaled'; readonly signal: string }
  | { readonly type: 'timed-out'; readonly seconds: number }
  | { readonly type: 'aborted' }
  | { readonly type: 'not-started'; readonly message: string };

export interface RunResult {
  readonly outcome: Outcome;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout and stderr interleaved as they arrived (what the Go mgmt sends as `output`). */
  readonly output: string;
  /** Which texts lost output past `MAX_KEPT_OUTPUT`. */
  readonly truncated: { readonly stdout: boolean; readonly stderr: boolean; readonly output: boolean };
  /** The last lines of stderr, for error messages. */
  readonly stderrTail: readonly string[];
}

export interface RunOptions {
  readonly cwd?: string | undefined;
  readonly env?: Readonly<Record<string, string>> | undefined;
  /** Seconds; then the whole process group is killed. */
  readonly timeout?: number | undefined;
  /** Aborting it kills the whole process group. */
  readonly signal: AbortSignal;
  /** Called for each line of output, as it arrives. */
  readonly onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
}

/**
 * Runs a command to completion in its own process group. Never throws for the command's
 * sake: every ending, including a failed spawn, is an `Outcome` for the caller to judge.
 */
export async function run(command: Command, opts: RunOptions): Promise<RunResult> {
  if (opts.signal.aborted) return { outcome: { type: 'aborted' }, ...NO_OUTPUT };
  const child = spawnGroup(command, opts);
  const out = collectLines(child.stdout, (line) => opts.onLine?.(line, 'stdout'));
  const err = collectLines(child.stderr, (line) => opts.onLine?.(line, 'stderr'));
  const both = keepText();
  child.stdout.on('data', both.add);
  child.stderr.on('data', both.add);

  let killed: Outcome | undefined;
  const kill = (why: Outcome): void => {
    if (killed) return;
    killed = why;
    void terminateGroup(child);
  };
  const seconds = opts.timeout;
  const timer = seconds === undefined ? undefined : setTimeout(() => kill({ type: 'timed-out', seconds }), seconds * 1000);
  const onAbort = (): void => kill({ type: 'aborted' });
  opts.signal.addEventListener('abort', onAbort, { once: true });
  let drain: NodeJS.Timeout | undefined;
  child.once('exit', () => {
    // The leader decides the outcome: a timeout or abort after it exited changes nothing.
    clearTimeout(timer);
    opts.signal.removeEventListener('abort', onAbort);
    drain = setTimeout(() => {
      child.stdout.destroy();
      child.stderr.destroy();
    }, DRAIN_MS);
  });

  const result = await child.done;
  clearTimeout(timer);
  clearTimeout(drain);
  opts.signal.removeEventListener('abort', onAbort);
  out.finish();
  err.finish();

  const outcome: Outcome =
    killed ??
    (result.exitCode !== undefined
      ? { type: 'exited', code: result.exitCode }
      : result.signal !== undefined
        ? { type: 'signaled', signal: result.signal }
        : { type: 'not-started', message: result.error ?? 'unknown error' });
  return {
    outcome,
    stdout: out.text(),
    stderr: err.text(),
    output: both.text(),
    truncated: { stdout: out.truncated(), stderr: err.truncated(), output: both.truncated() },
    stderrTail: err.tail(5),
  };
}

const NO_OUTPUT = { stdout: '', stderr: '', output: '', truncated: { stdout: false, stderr: false, output: false }, stderrTail: [] };

/** Why a run failed, in words (`\`false\` exited 1: …`), or undefined if it succeeded. */
export function describeFailure(command: Command, result: RunResult): string | undefined {
  const { outcome } = result;
  const tail = result.stderrTail.length > 0 ? `: ${result.stderrTail.join('\n')}` : '';
  const what = `\`${command.display}\``;
  switch (outcome.type) {
    case 'exited':
      return outcome.code === 0 ? undefined : `${what} exited ${outcome.code}${tail}`;
    case 'signaled':
      return `${what} was killed by ${outcome.signal}${tail}`;
    case 'timed-out':
      return `${what} timed out after ${outcome.seconds}s (its process group was killed)`;
    case 'aborted':
      return `${what} was aborted: the resource is stopping`;
    case 'not-started':
      return `${what} could not start: ${outcome.message}`;
  }
}
