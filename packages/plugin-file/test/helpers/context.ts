import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger, type CheckResult, type WatchContext } from '@mgmt/resource';
import type { ExecutionContext } from 'ava';
import { file, type FileDiff, type FileParams, type FileState } from '../../src/index.js';

/** One vertex, as the engine would hold it: parsed params, one state, one abort signal. */
export interface Vertex {
  readonly ctx: WatchContext<FileParams, FileState>;
  /** Reasons passed to event(), in order. */
  readonly events: string[];
  readonly errors: Error[];
  check(): Promise<CheckResult<FileDiff>>;
  /** check, then apply if drifted; returns the changes applied. */
  converge(): Promise<readonly string[]>;
  /** Aborts the signal, as the engine does when the vertex stops. */
  stop(): void;
}

export function vertex(name: string, raw: Record<string, unknown> = {}): Vertex {
  const params = file.params.parse(raw);
  const ac = new AbortController();
  const events: string[] = [];
  const errors: Error[] = [];
  const state = file.state?.();
  if (!state) throw new Error('file kind has no state factory');
  const ctx: WatchContext<FileParams, FileState> = {
    kind: 'file',
    name,
    params,
    log: silentLogger,
    signal: ac.signal,
    hostname: 'test-host',
    noop: false,
    state,
    event: (reason) => events.push(reason ?? ''),
    error: (err) => errors.push(err),
  };
  const check = () => file.check(ctx);
  return {
    ctx,
    events,
    errors,
    check,
    async converge() {
      const r = await check();
      if (r.ok) return [];
      await file.apply(ctx, r.diff);
      return r.changes;
    },
    stop: () => ac.abort(),
  };
}

/** A fresh temp dir, removed when the test ends. */
export async function tempDir(t: ExecutionContext): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'mgmt-file-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** Polls until `fn` is true or `ms` pass; returns whether it became true. */
export async function until(fn: () => boolean, ms = 5000): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (fn()) return true;
    await new Promise((r) => setTimeout(r, 10));
  }
  return fn();
}
