import test from 'ava';
import { connectEtcdWorld, enableEtcdAuth, grantHostRole } from '@mgmt/world-etcd';
import { file, freshPrefix, names, open, raw, startEtcd, until } from './helpers.js';

// Authentication is switched on for the whole etcd, so this file has its own.
// (ava wants every test and hook declared in one go, so all awaiting happens first.)
const root = { username: 'root', password: 'root-secret' };
const etcd = await startEtcd();
await enableEtcdAuth({ endpoints: [etcd.url] }, root.password).catch(async (err: unknown) => {
  await etcd.cleanup();
  throw err;
});
test.after.always(() => etcd.cleanup());

test('a host can write only its own exports: b exporting as a is refused and a\'s stay as they were', async (t) => {
  const prefix = freshPrefix();
  const conn = { endpoints: [etcd.url], auth: root };
  t.deepEqual(await grantHostRole(conn, prefix, 'a', 'pw-a'), { user: 'a', role: 'mgmt-host-a' });
  await grantHostRole(conn, prefix, 'b', 'pw-b');
  await grantHostRole(conn, prefix, 'b', 'pw-b'); // idempotent
  const a = await open(t, etcd.url, 'a', prefix, { auth: { username: 'a', password: 'pw-a' } });
  const b = await open(t, etcd.url, 'b', prefix, { auth: { username: 'b', password: 'pw-b' } });

  await a.world.export('a', [file('mine', { owner: 'a' })]);
  await b.world.export('b', [file('ours')]);
  await until(() => names(b.world.collect('file').current()).join() === 'a:mine,b:ours', 'b sees both');
  await until(() => names(a.world.collect('file').current()).join() === 'a:mine,b:ours', 'a sees both');

  const err = await t.throwsAsync(b.world.export('a', [file('forged', { owner: 'b' })]));
  t.is(err?.message, `world: host b may not export as a: etcd refused the write to ${prefix}/exported/a/ (permission denied); a's exports are unchanged`);
  const keys = await raw(t, etcd.url, root).getAll().prefix(`${prefix}/exported/a/`).keys();
  t.deepEqual(keys, [`${prefix}/exported/a/*/file/mine`]);
  t.deepEqual(a.world.collect('file').current()[0]?.params, { owner: 'a' });

  // b's own handle is unharmed by the refusal, and the kv space is shared.
  await b.world.export('b', [file('ours'), file('more')]);
  await until(() => a.world.collect('file').current().length === 3, 'b\'s next export arrives');
  await b.world.set('shared', 'yes');
  t.is(await a.world.get('shared'), 'yes');
});

test('wrong credentials: connectEtcdWorld says etcd refused the user', async (t) => {
  const err = await t.throwsAsync(connectEtcdWorld({ hostname: 'a', endpoints: [etcd.url], prefix: freshPrefix(), auth: { username: 'a', password: 'wrong' } }));
  t.regex(err?.message ?? '', /^world: etcd at http:\S+ refused user a: .*authentication failed/);
});
