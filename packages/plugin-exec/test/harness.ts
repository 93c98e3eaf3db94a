import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ResourceContext, WatchContext, z } from '@mgmt/resource';
import { makeContext, type LogLine } from '@mgmt/resource/testing';
import type { ExecutionContext } from 'ava';
import { exec } from '../src/exec.js';
import type { ExecParams } from '../src/params.js';
import type { ExecState } from '../src/state.js';

/** A vertex as the engine would hold it: one context for all verbs, plus what watch reports. */
export interface Harness {
  readonly ctx: ResourceContext<ExecParams, ExecState>;
  readonly watchCtx: WatchContext<ExecParams, ExecState>;
  readonly controller: AbortController;
  readonly lines: LogLine[];
  readonly events: string[];
  readonly errors: Error[];
}

/** Builds contexts for `exec "NAME"` with the kit's makeContext: params parsed through the schema. */
export function harness(input: z.input<typeof exec.params>, opts: { name?: string; noop?: boolean } = {}): Harness {
  const tc = makeContext(exec, input, { name: opts.name ?? 'exec1', noop: opts.noop ?? false, hostname: 'test-host' });
  return { ctx: tc, watchCtx: tc, controller: tc.controller, lines: tc.lines, events: tc.events, errors: tc.errors };
}

/** A fresh temp dir, removed when the test ends. */
export async function tempDir(t: ExecutionContext): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'mgmt-exec-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** Polls `cond` every 20 ms until it holds; false after `ms`. */
export async function waitFor(cond: () => boolean | Promise<boolean>, ms = 5000): Promise<boolean> {
  const end = Date.now() + ms;
  for (;;) {
    if (await cond()) return true;
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** /proc/PID/stat as [state, pgrp]; undefined if there is no such process. */
async function procStat(pid: string): Promise<{ state: string; pgrp: number } | undefined> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses: fields start after the last ')'.
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return state === undefined ? undefined : { state, pgrp: Number(pgrp) };
  } catch {
    return undefined;
  }
}

/**
 * True if the process runs. Zombies count as gone: they are dead, only not yet reaped (in a
 * container whose init does not reap orphans they may stay forever).
 */
export async function isAlive(pid: number): Promise<boolean> {
  const s = await procStat(String(pid));
  return s !== undefined && s.state !== 'Z';
}

/** The pids of live (non-zombie) processes in a process group. */
export async function groupMembers(pgid: number): Promise<number[]> {
  const found: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const s = await procStat(entry);
    if (s !== undefined && s.pgrp === pgid && s.state !== 'Z') found.push(Number(entry));
  }
  return found;
}

/** Reads a pid written by a test command, once the file is there and complete. */
export async function readPid(path: string): Promise<number> {
  let pid = NaN;
  await waitFor(async () => {
    pid = Number((await readFile(path, 'utf8').catch(() => '')).trim() || NaN);
    return Number.isInteger(pid);
  });
  if (!Number.isInteger(pid)) throw new Error(`no pid in ${path}`);
  return pid;
}
