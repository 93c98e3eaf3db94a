import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
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

/** How a process ended: its exit code, the signal that killed it, or why it never started. */
export interface Ended {
  readonly exitCode?: number;
  readonly signal?: string;
  readonly error?: string;
}

/**
 * Starts a command as the leader of a new process group (`detached`), so that a timeout,
 * an abort or a stopped watch can kill everything it started, not just the shell, and so
 * that a Ctrl-C meant for the agent does not reach it directly (the agent decides).
 * The caller reads the output. `done` resolves (never rejects) once the leader has exited
 * and its pipes are closed, or with `error` if it could not start; `pid` is then undefined.
 * node's own spawn, not execa: execa cost 50 ms of every agent's start-up.
 */
export function spawnGroup(command: Command, opts: SpawnOptions) {
  const child = spawn(command.file, [...command.args], {
    cwd: opts.cwd,
    env: opts.env === undefined ? process.env : { ...process.env, ...opts.env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const done = new Promise<Ended>((resolve) => {
    // node blames the program ("spawn /bin/sh ENOENT") when it is the cwd that is missing.
    child.once('error', (err) => resolve({ error: opts.cwd !== undefined && !existsSync(opts.cwd) ? `its cwd ${opts.cwd} does not exist` : err.message }));
    child.once('close', (code, signal) => resolve(code !== null ? { exitCode: code } : { signal: signal ?? 'unknown' }));
  });
  const pid = child.pid;
  if (pid !== undefined) {
    live.add(pid);
    child.once('exit', () => live.delete(pid));
    hookAgentExit();
  }
  return Object.assign(child, { done });
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

// Detached children outlive the agent by design, so if the agent exits without
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
