import { spawn } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import test from 'ava';
import { file, freshPrefix, names, open, raw, startEtcd, until } from './helpers.js';

const etcd = await startEtcd();
test.after.always(() => etcd.cleanup());

const FIXTURE = fileURLToPath(new URL('fixtures/export-and-hang.ts', import.meta.url));
/** tsx by file URL, so the child finds it whatever its cwd. */
const TSX = pathToFileURL(fileURLToPath(new URL('../../../node_modules/tsx/dist/loader.mjs', import.meta.url))).href;

test('a killed host\'s exports expire with its lease', async (t) => {
  const prefix = freshPrefix();
  const b = await open(t, etcd.url, 'b', prefix);
  const child = spawn(process.execPath, [`--import=${TSX}`, '--conditions=@mgmt/source', FIXTURE, etcd.url, prefix, 'doomed', '2'], { stdio: ['ignore', 'pipe', 'inherit'] });
  t.teardown(() => void child.kill('SIGKILL'));
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  await until(() => out.includes('exported'), 'the child exported', 30_000);
  await until(() => names(b.world.collect('file').current()).join() === 'doomed:from-doomed', 'the export arrives');
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
  // No revoke, no goodbye: only the 2 s lease (etcd's minimum) can take the export away.
  await until(() => b.world.collect('file').current().length === 0, 'the export expires');
  t.pass();
});

test('a lease lost from under a live host is replaced and its exports put again', async (t) => {
  const prefix = freshPrefix();
  const [a, b] = await Promise.all([open(t, etcd.url, 'a', prefix, { leaseTtl: 2 }), open(t, etcd.url, 'b', prefix)]);
  await a.world.export('a', [file('x'), file('y')]);
  await until(() => b.world.collect('file').current().length === 2, 'exports arrive');
  const seen: number[] = [];
  b.world.collect('file').subscribe((s) => seen.push(s.length));
  const kv = raw(t, etcd.url);
  const [key] = (await kv.getAll().prefix(`${prefix}/exported/a/`).exec()).kvs;
  await kv.leaseClient.leaseRevoke({ ID: key!.lease });
  await until(() => seen.includes(0), 'b sees them go with the revoked lease');
  await until(() => seen.at(-1) === 2, 'b sees them back under a new lease');
  const [again] = (await kv.getAll().prefix(`${prefix}/exported/a/`).exec()).kvs;
  t.not(again!.lease, key!.lease);
  t.true(a.logs.some((l) => /^warn: world: lease \S+ is gone/.test(l)), a.logs.join('\n'));
});
