import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';

/** A local etcd started by `spawnEtcd`. */
export interface SpawnedEtcd {
  /** The client URL, e.g. `http://127.0.0.1:23790`. */
  readonly url: string;
  readonly dataDir: string;
  /** SIGTERMs etcd and waits for it to exit (SIGKILL after 10 s). Safe to call twice. */
  stop(): Promise<void>;
}

export interface SpawnEtcdOptions {
  /** Created if missing (mode 0700, as etcd wants); reuse it to restart the same member. */
  dataDir: string;
  /** Free loopback ports are picked when not given; pass the same ones to restart in place. */
  clientPort?: number;
  peerPort?: number;
  /** The member name (default `default`); must stay the same across restarts of one data dir. */
  name?: string;
  /** The etcd binary (default `etcd` on PATH; Debian's package is `etcd-server`). */
  etcdBin?: string;
  /**
   * Runs etcd in a process group of its own, so a terminal's Ctrl-C (sent to the whole
   * foreground group) reaches only this process, which can then withdraw its exports before it
   * calls `stop()`. Default false: etcd then dies with the group, as a test's child should.
   */
  detached?: boolean;
}

/** How long etcd may take to serve (a first start on a loaded machine, or WAL replay). */
const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;

/** A loopback port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a single-member etcd on loopback and resolves once it serves (its `/health` says
 * true). Used by `mgmt run --etcd-spawn` and by tests. Limits are raised above etcd's defaults
 * because one host's export set is one transaction: `--max-txn-ops` (default 128) caps the
 * keys a host can export (one per resource and recipient), `--max-request-bytes` (1.5 MiB)
 * their total size. The child is killed if this process exits first.
 */
export async function spawnEtcd(opts: SpawnEtcdOptions): Promise<SpawnedEtcd> {
  const clientPort = opts.clientPort ?? (await freePort());
  const peerPort = opts.peerPort ?? (await freePort());
  const name = opts.name ?? 'default';
  const url = `http://127.0.0.1:${clientPort}`;
  const peerUrl = `http://127.0.0.1:${peerPort}`;
  await mkdir(opts.dataDir, { recursive: true, mode: 0o700 });
  const args = [
    `--name=${name}`,
    `--data-dir=${opts.dataDir}`,
    `--listen-client-urls=${url}`,
    `--advertise-client-urls=${url}`,
    `--listen-peer-urls=${peerUrl}`,
    `--initial-advertise-peer-urls=${peerUrl}`,
    `--initial-cluster=${name}=${peerUrl}`,
    '--max-txn-ops=4096',
    `--max-request-bytes=${32 * 1024 * 1024}`,
    '--logger=zap',
    '--log-level=error',
  ];
  const bin = opts.etcdBin ?? 'etcd';
  const child = spawn(bin, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: opts.detached ?? false });
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => (stderr = (stderr + b.toString()).slice(-4000)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let gone = false;
  void exited.then(() => (gone = true));
  const killOnExit = (): void => void child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));

  const stop = async (): Promise<void> => {
    process.off('exit', killOnExit);
    if (!gone) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  };

  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    const failed = await Promise.race([spawnError, exited.then((code) => `exited with code ${code}`), healthy(url)]);
    if (failed instanceof Error) {
      process.off('exit', killOnExit);
      const missing = (failed as NodeJS.ErrnoException).code === 'ENOENT';
      throw new Error(missing ? `spawnEtcd: ${bin} not found (install Debian's etcd-server, or pass etcdBin)` : `spawnEtcd: cannot run ${bin}: ${failed.message}`);
    }
    if (typeof failed === 'string') {
      process.off('exit', killOnExit);
      throw new Error(`spawnEtcd: etcd ${failed} before serving${stderr ? `:\n${stderr.trim()}` : ''}`);
    }
    if (failed) return { url, dataDir: opts.dataDir, stop };
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`spawnEtcd: etcd at ${url} did not become healthy within ${READY_TIMEOUT_MS / 1000} s${stderr ? `:\n${stderr.trim()}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Whether etcd at `url` has a leader and serves (its `/health` endpoint). */
async function healthy(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2000) });
    const body = (await res.json()) as { health?: unknown };
    return body.health === 'true' || body.health === true;
  } catch {
    return false;
  }
}
