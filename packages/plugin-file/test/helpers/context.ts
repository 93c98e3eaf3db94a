import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger, type CheckResult, type GraphResource, type GraphView, type WatchContext } from '@mgmt/resource';
import type { ExecutionContext } from 'ava';
import { file, type FileDiff, type FileParams, type FileState } from '../../src/index.js';

/** A file resource as a test declares it: its name, and its raw params if any. */
export type FileDecl = string | readonly [name: string, raw?: Record<string, unknown>];

/** A graph resource for a `file`, as the engine builds it: validated params, id from the kind's id(). */
export function fileResource(name: string, raw: Record<string, unknown> = {}): GraphResource {
  const params = file.params.parse(raw);
  const id = file.id ? file.id(params, name) : name;
  return { kind: 'file', name, id, params };
}

/**
 * The graph vertices run in, like the engine's live view: `add` and `remove` stand for a
 * graph swap (the view answers for the new graph at once).
 */
export interface TestGraph extends GraphView {
  /** Adds (or replaces, by name) a file resource. */
  add(name: string, raw?: Record<string, unknown>): GraphResource;
  remove(name: string): void;
  /** Adds the resource to this graph (if not there by that name) and makes its vertex. */
  vertex(name: string, raw?: Record<string, unknown>): Vertex;
}

/** A graph holding the given file resources (and whatever its `vertex()` calls add). */
export function fileGraph(decls: readonly FileDecl[] = []): TestGraph {
  const byName = new Map<string, GraphResource>();
  const g: TestGraph = {
    resources: (kind) => (kind === 'file' ? [...byName.values()] : []),
    add(name, raw = {}) {
      const r = fileResource(name, raw);
      byName.set(name, r);
      return r;
    },
    remove: (name) => void byName.delete(name),
    vertex(name, raw = {}) {
      if (!byName.has(name)) g.add(name, raw);
      return makeVertex(name, raw, g);
    },
  };
  for (const d of decls) {
    if (typeof d === 'string') g.add(d);
    else g.add(d[0], d[1]);
  }
  return g;
}

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

/** A vertex alone in its graph. Use `fileGraph(...).vertex()` when its peers matter. */
export function vertex(name: string, raw: Record<string, unknown> = {}): Vertex {
  return fileGraph().vertex(name, raw);
}

function makeVertex(name: string, raw: Record<string, unknown>, graph: GraphView): Vertex {
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
    graph,
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
