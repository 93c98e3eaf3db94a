import { execa } from 'execa';
import type { Command } from './params.js';

/** How long a process group gets between SIGTERM and SIGKILL. */
export const KILL_GRACE_MS = 2000;

export interface SpawnOptions {
  readonly cwd?: string | undefined;
  readonly env?: Readonly<Record<string, string>> | undefined;
}

/** Process groups we started and whose leader is still running. */
const live = new Set<number>();
let exitHooked = false;

/**
 * Starts a command as the leader of a new process group (`detached`), so that a timeout,
 * an abort or a stopped watch can kill everything it started, not just the shell, and so
 * that a Ctrl-C meant for the agent does not reach it directly (the agent decides).
 * Output is read by the caller (`buffer: false`); a non-zero exit does not reject.
 * The child is spawned when this returns: `pid` is undefined only if it failed to start.
 */
export function spawnGroup(command: Command, opts: SpawnOptions) {
  const child = execa(command.file, command.args, {
    cwd: opts.cwd,
    env: opts.env,
    detached: true,
    stdin: 'ignore',
    stdout: 'pipe',
    stderr: 'pipe',
    buffer: false,
    reject: false,
  });
  const pid = child.pid;
  if (pid !== undefined) {
    live.add(pid);
    child.once('exit', () => live.delete(pid));
    hookAgentExit();
  }
  return child;
}

export type GroupChild = ReturnType<typeof spawnGroup>;

/** Sends a signal to a whole process group; false if the group is already gone. */
export function killGroup(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch (err) {
    if (isErrno(err, 'ESRCH') || isErrno(err, 'EPERM')) return false;
    throw err;
  }
}

const leaderExited = (child: GroupChild): boolean => child.exitCode !== null || child.signalCode !== null;

/**
 * Kills a child's whole process group: SIGTERM first, SIGKILL after `graceMs`, and SIGKILL
 * at once when the leader exits (whatever is left in the group by then is a straggler, such
 * as `sleep 30 &`, that would otherwise outlive us). Resolves once the leader has exited.
 */
export function terminateGroup(child: GroupChild, graceMs = KILL_GRACE_MS): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return Promise.resolve();
  if (leaderExited(child)) {
    killGroup(pid, 'SIGKILL');
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const timer = setTimeout(() => killGroup(pid, 'SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      killGroup(pid, 'SIGKILL');
      resolve();
    });
    killGroup(pid, 'SIGTERM');
  });
}

// execa's own `cleanup` does not cover detached children, so if the agent exits without
// stopping its vertices (a crash, process.exit), take the groups still running with it.
function hookAgentExit(): void {
  if (exitHooked) return;
  exitHooked = true;
  process.once('exit', () => {
    for (const pid of live) killGroup(pid, 'SIGTERM');
  });
}

function isErrno(err: unknown, code: string): boolean {
  return err instanceof Error && 'code' in err && err.code === code;
}
