import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExecutionContext } from 'ava';
import { spawnEtcd, type SpawnedEtcd } from '@mgmt/world-etcd';
import { jsonLines, ROOT, startMgmt, until } from './helpers.js';

export const EXCHANGE = join(ROOT, 'examples/seed/exchange.mcl');

/** A loopback port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** An etcd of the test's own, on fixed free ports so it can be stopped and started again in place. */
export interface TestEtcd {
  readonly url: string;
  stop(): Promise<void>;
  /** Starts it again: same data dir, same ports. */
  restart(): Promise<void>;
}

export async function startEtcd(t: ExecutionContext): Promise<TestEtcd> {
  const dataDir = await mkdtemp(join(tmpdir(), 'mgmt-cli-etcd-'));
  const clientPort = await freePort();
  const peerPort = await freePort();
  let etcd: SpawnedEtcd = await spawnEtcd({ dataDir, clientPort, peerPort });
  t.teardown(async () => {
    await etcd.stop();
    await rm(dataDir, { recursive: true, force: true });
  });
  return {
    url: etcd.url,
    stop: () => etcd.stop(),
    restart: async () => {
      etcd = await spawnEtcd({ dataDir, clientPort, peerPort });
    },
  };
}

/** Puts a raw value into etcd through its JSON gateway, as a misbehaving host could. */
export async function putRaw(url: string, key: string, value: string): Promise<void> {
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  const res = await fetch(`${url}/v3/kv/put`, { method: 'POST', body: JSON.stringify({ key: b64(key), value: b64(value) }) });
  if (!res.ok) throw new Error(`put ${key}: HTTP ${res.status}`);
}

/** Whether anything answers etcd's health check at `url`. */
export async function answers(url: string): Promise<boolean> {
  try {
    await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) });
    return true;
  } catch {
    return false;
  }
}

export type Agent = ReturnType<typeof startMgmt> & {
  /** The JSON log lines so far. */
  lines(): Record<string, unknown>[];
  /** Resolves with the exit status. */
  readonly exited: Promise<number | null>;
};

/** `mgmt run --log-format json ARGS`, killed when the test ends if still running. */
export function agent(t: ExecutionContext, args: readonly string[], env: Record<string, string>): Agent {
  const child = startMgmt(['run', '--log-format', 'json', ...args], env);
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  t.teardown(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  return Object.assign(child, { lines: () => jsonLines(child.out()), exited });
}

/** SIGTERMs an agent and returns its exit status. */
export async function stop(a: Agent): Promise<number | null> {
  a.kill('SIGTERM');
  return a.exited;
}

export const read = (p: string): Promise<string | undefined> => readFile(p, 'utf8').catch(() => undefined);

/** What host `h`'s directory holds when the exchange among `hosts` has converged. */
export function exchanged(h: string, hosts: readonly string[]): Record<string, string> {
  const want: Record<string, string> = { [`f1${h}`]: `i am f1${h}\n`, [`f2${h}`]: `i am f2${h}\n` };
  for (const x of hosts) {
    want[`f3${x}`] = `i am f3${x}, exported by ${x}\n`;
    want[`f4${x}`] = `i am f4${x}, exported by ${x}\n`;
  }
  return want;
}

/** Whether every file in `want` is in `dir` with that content. */
export async function holds(dir: string, want: Readonly<Record<string, string>>): Promise<boolean> {
  for (const [name, text] of Object.entries(want)) if ((await read(join(dir, name))) !== text) return false;
  return true;
}

/** Waits for a log line of `a` that `match` accepts; generous, for a loaded machine. */
export async function logged(a: Agent, match: (l: Record<string, unknown>) => boolean, ms = 30_000): Promise<Record<string, unknown>> {
  await until(() => a.lines().some(match), ms).catch((err: Error) => {
    throw new Error(`${err.message}; log so far:\n${a.out()}\n${a.err()}`);
  });
  return a.lines().find(match)!;
}

/** A `swap` whose `removed` names `ref`. */
export const removes = (ref: string) => (l: Record<string, unknown>) => l['event'] === 'swap' && (l['removed'] as string[]).includes(ref);
