import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CollectedResource, Collection, ExportedResource } from '@mgmt/engine';
import type { ExecutionContext } from 'ava';
import { Etcd3 } from 'etcd3';
import { connectEtcdWorld, spawnEtcd, type EtcdWorld, type EtcdWorldOptions, type SpawnedEtcd } from '@mgmt/world-etcd';

/** One etcd for a test file, on free loopback ports with a temp data dir; removed at the end. */
export async function startEtcd(): Promise<SpawnedEtcd & { cleanup(): Promise<void> }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'mgmt-etcd-'));
  const etcd = await spawnEtcd({ dataDir });
  return {
    ...etcd,
    cleanup: async () => {
      await etcd.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

let prefixes = 0;
/** A prefix no other test of this file uses, so tests can share one etcd. */
export const freshPrefix = (): string => `/t${process.pid}-${++prefixes}`;

/** Waits until `cond` holds; generous, because a loaded 2-core machine is slow, not wrong. */
export async function until(cond: () => boolean | Promise<boolean>, what = 'condition', ms = 20_000): Promise<void> {
  const t0 = Date.now();
  while (!(await cond())) {
    if (Date.now() - t0 > ms) throw new Error(`${what}: not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export interface Handle {
  world: EtcdWorld;
  logs: string[];
}

/** A world handle whose log lines are kept; closed when the test ends. */
export async function open(t: ExecutionContext, url: string, hostname: string, prefix: string, extra: Partial<EtcdWorldOptions> = {}): Promise<Handle> {
  const logs: string[] = [];
  const world = await connectEtcdWorld({ hostname, endpoints: [url], prefix, log: (level, msg) => logs.push(`${level}: ${msg}`), ...extra });
  t.teardown(() => world.close());
  return { world, logs };
}

/** Every snapshot a collection delivered, in order. */
export function record(c: Collection): { snapshots: (readonly CollectedResource[])[]; stop(): void } {
  const snapshots: (readonly CollectedResource[])[] = [];
  const stop = c.subscribe((s) => snapshots.push(s));
  return { snapshots, stop };
}

export const names = (s: readonly CollectedResource[]): string[] => s.map((r) => `${r.host}:${r.name}`);

export const file = (name: string, params: Record<string, unknown> = {}, to?: string[]): ExportedResource => ({ kind: 'file', name, params, ...(to ? { to } : {}) });

/** A plain etcd3 client for looking at, or tampering with, the raw keys. */
export function raw(t: ExecutionContext, url: string, auth?: { username: string; password: string }): Etcd3 {
  const client = new Etcd3({ hosts: url, ...(auth ? { auth } : {}) });
  t.teardown(() => client.close());
  return client;
}
