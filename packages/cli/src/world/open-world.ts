import { join } from 'node:path';
import { MemoryWorld, type World } from '@mgmt/engine';
import type { Logger } from '@mgmt/resource';
import type { EtcdWorldOptions, SpawnedEtcd } from '@mgmt/world-etcd';
import { agentSettings } from '../config/context.js';
import { DEFAULT_ETCD_PREFIX, ENV, userStateDir } from '../config/settings.js';
import { followWorld, worldLog } from './world-log.js';

/** The `mgmt run` flags that choose and reach the world. */
export interface WorldFlags {
  seeds?: readonly string[];
  etcdSpawn?: boolean;
  etcdPrefix?: string;
  etcdCa?: string;
  etcdCert?: string;
  etcdKey?: string;
  etcdLeaseTtl?: number;
  stateDir?: string;
}

/** The world an agent runs with, and how to leave it. */
export interface OpenedWorld {
  readonly world: World;
  /** Withdraws this host's exports (etcd: revokes its lease), then stops a spawned etcd. */
  close(): Promise<void>;
}

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/**
 * The world `mgmt run` uses: the in-memory world of this agent alone unless `--seeds` or
 * `--etcd-spawn` asks for etcd. Returns an error message (for stderr, exit 2) when the flags
 * contradict each other, etcd cannot be started, or does not answer: the agent does not start
 * with a world it was told to share but cannot reach, since its collected resources would be
 * missing.
 */
export async function openWorld(flags: WorldFlags, hostname: string, log: Logger): Promise<OpenedWorld | { error: string }> {
  const seeds = flags.seeds ?? [];
  if (!flags.etcdSpawn && seeds.length === 0) return { world: new MemoryWorld(hostname), close: async () => {} };
  if (flags.etcdSpawn && seeds.length > 0) {
    return { error: `--etcd-spawn starts an etcd of its own; --seeds (${seeds.join(',')}) joins another: use one of them` };
  }
  const tlsFiles = { ca: flags.etcdCa, cert: flags.etcdCert, key: flags.etcdKey };
  const tls = Object.fromEntries(Object.entries(tlsFiles).filter(([, v]) => v !== undefined)) as NonNullable<EtcdWorldOptions['tls']>;
  const hasTls = Object.keys(tls).length > 0;
  if (flags.etcdSpawn && hasTls) return { error: '--etcd-ca, --etcd-cert and --etcd-key are for --seeds: the spawned etcd serves plain HTTP on loopback' };
  if ((tls.cert === undefined) !== (tls.key === undefined)) return { error: '--etcd-cert and --etcd-key go together' };
  if (hasTls && seeds.some((u) => !u.startsWith('https://'))) return { error: `TLS files are given but a seed is not https://: ${seeds.join(',')}` };
  // The spawned etcd has no users; credentials are for the etcd that --seeds names.
  const auth = flags.etcdSpawn ? undefined : await credentials(hostname);
  if (typeof auth === 'string') return { error: auth };

  // Loaded only now: etcd3 brings grpc and protobufjs, about 100 ms of start-up that a
  // single host on the in-memory world should not pay.
  const { connectEtcdWorld, spawnEtcd } = await import('@mgmt/world-etcd');
  let etcd: SpawnedEtcd | undefined;
  if (flags.etcdSpawn) {
    const dataDir = join(flags.stateDir ?? userStateDir(), 'etcd');
    try {
      // Its own process group: Ctrl-C reaches the agent alone, which withdraws its exports
      // before it stops etcd.
      etcd = await spawnEtcd({ dataDir, detached: true });
    } catch (err) {
      return { error: message(err) };
    }
    log.info(`etcd started at ${etcd.url} (data in ${dataDir})`, { event: 'world', url: etcd.url });
  }
  const endpoints = etcd ? [etcd.url] : seeds;
  try {
    const world = await connectEtcdWorld({
      hostname,
      endpoints,
      ...(flags.etcdPrefix ? { prefix: flags.etcdPrefix } : {}),
      ...(flags.etcdLeaseTtl ? { leaseTtl: flags.etcdLeaseTtl } : {}),
      ...(hasTls ? { tls } : {}),
      ...(auth ? { auth } : {}),
      log: worldLog(log),
    });
    const unfollow = followWorld(world, log);
    log.info(`world: etcd at ${endpoints.join(', ')}, prefix ${flags.etcdPrefix ?? DEFAULT_ETCD_PREFIX}`, { event: 'world', status: world.status });
    return {
      world,
      close: async () => {
        unfollow();
        await world.close();
        await etcd?.stop();
      },
    };
  } catch (err) {
    await etcd?.stop();
    return { error: message(err) };
  }
}

/**
 * The etcd user and password, from the environment or the config file, never a flag (a flag
 * shows in `ps`). A password alone logs in as the host's own user, which is what
 * `grantHostRole` creates.
 */
async function credentials(hostname: string): Promise<{ username: string; password: string } | undefined | string> {
  const settings = await agentSettings();
  const user = settings.etcdUser.value;
  const password = settings.etcdPassword.value;
  if (password === undefined) {
    return user === undefined ? undefined : `an etcd user is set (${settings.etcdUser.source}) but no password: set ${ENV.etcdPassword} or the config's etcd.password`;
  }
  return { username: user ?? hostname, password };
}
