import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { connectEtcdWorld, spawnEtcd, type SpawnedEtcd, type WorldStatus } from '@mgmt/world-etcd';
import { freePort } from '../src/spawn-etcd.js';
import { file, freshPrefix, names, open, record, until } from './helpers.js';

// This file stops and restarts its etcd, so it keeps it to itself: same ports, same data dir.
const dataDir = await mkdtemp(join(tmpdir(), 'mgmt-etcd-'));
const ports = { clientPort: await freePort(), peerPort: await freePort() };
let etcd: SpawnedEtcd = await spawnEtcd({ dataDir, ...ports });
test.after.always(async () => {
  await etcd.stop();
  await rm(dataDir, { recursive: true, force: true });
});

test.serial('etcd stopped and restarted: last snapshot kept, status, one log line, exports made meanwhile put', async (t) => {
  const prefix = freshPrefix();
  const [a, b] = await Promise.all([open(t, etcd.url, 'a', prefix), open(t, etcd.url, 'b', prefix)]);
  const statuses: WorldStatus[] = [];
  b.world.onStatus((s) => statuses.push(s));
  t.is(b.world.status, 'connected');
  await a.world.export('a', [file('before')]);
  await until(() => names(b.world.collect('file').current()).join() === 'a:before', 'export arrives');
  const seen = record(b.world.collect('file'));

  await etcd.stop();
  await until(() => a.world.status === 'unreachable' && b.world.status === 'unreachable', 'both handles notice');
  t.deepEqual(names(b.world.collect('file').current()), ['a:before'], 'the last snapshot is kept');
  await a.world.export('a', [file('before'), file('meanwhile')]);
  // Several reconnection attempts fail meanwhile; they must not each be logged.
  await new Promise((r) => setTimeout(r, 1500));

  etcd = await spawnEtcd({ dataDir, ...ports });
  await until(() => a.world.status === 'connected' && b.world.status === 'connected', 'both reconnect', 30_000);
  await until(() => names(b.world.collect('file').current()).join() === 'a:before,a:meanwhile', 'the export made meanwhile arrives', 30_000);
  seen.stop();
  t.true(seen.snapshots.every((s) => s.length > 0), 'never an empty list because of the lost connection');
  t.deepEqual(statuses, ['unreachable', 'connected']);
  for (const h of [a, b]) {
    const down = h.logs.filter((l) => l.startsWith('warn: world unreachable: '));
    t.is(down.length, 1, h.logs.join('\n'));
    t.regex(down[0]!, /; retrying in 0\.25 s$/);
    t.true(h.logs.includes('info: world reachable again; exports put back and collections re-read'), h.logs.join('\n'));
  }

  // Live again: changes flow as before.
  await a.world.export('a', [file('after')]);
  await until(() => names(b.world.collect('file').current()).join() === 'a:after', 'a later export arrives');
});

test.serial('kv reads fail clearly while etcd is away, and watches catch up after', async (t) => {
  const prefix = freshPrefix();
  const [a, b] = await Promise.all([open(t, etcd.url, 'a', prefix), open(t, etcd.url, 'b', prefix)]);
  const heard: (string | undefined)[] = [];
  b.world.watch('k', (v) => heard.push(v));
  await a.world.set('k', '1');
  await until(() => heard.length === 1, 'watch hears 1');
  await etcd.stop();
  await t.throwsAsync(b.world.get('k'), { message: /^world unreachable: cannot read k: / });
  etcd = await spawnEtcd({ dataDir, ...ports });
  await until(() => a.world.status === 'connected', 'a reconnects', 30_000);
  await a.world.set('k', '2');
  await until(() => heard.at(-1) === '2', 'b hears the value set after the restart', 30_000);
  t.deepEqual(heard, ['1', '2']);
});

test('connectEtcdWorld rejects within a few seconds when nothing answers', async (t) => {
  const port = await freePort();
  const t0 = Date.now();
  const err = await t.throwsAsync(connectEtcdWorld({ hostname: 'a', endpoints: [`http://127.0.0.1:${port}`] }));
  t.regex(err?.message ?? '', new RegExp(`^world: cannot reach etcd at http://127\\.0\\.0\\.1:${port} \\(gave up after 5 s\\): `));
  t.true(Date.now() - t0 < 20_000);
});
