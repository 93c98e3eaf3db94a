import test from 'ava';
import { file, freshPrefix, names, open, raw, record, startEtcd, until } from './helpers.js';

const etcd = await startEtcd();
test.after.always(() => etcd.cleanup());

test('three hosts export and each collects everyone\'s, its own included', async (t) => {
  const prefix = freshPrefix();
  const [a, b, c] = await Promise.all(['a', 'b', 'c'].map((h) => open(t, etcd.url, h, prefix)));
  await a!.world.export('a', [file('fa', { content: 'from a' })]);
  await b!.world.export('b', [file('fb'), { kind: 'exec', name: 'eb', params: { cmd: 'true' } }]);
  await c!.world.export('c', [file('fc/with/slashes')]);
  const expected = ['a:fa', 'b:fb', 'c:fc/with/slashes'];
  for (const h of [a!, b!, c!]) await until(() => names(h.world.collect('file').current()).join() === expected.join(), `${h.world.hostname} sees all files`);
  t.deepEqual(a!.world.collect('file').current()[0], { host: 'a', kind: 'file', name: 'fa', params: { content: 'from a' } });
  t.deepEqual(names(c!.world.collect('exec').current()), ['b:eb']);
  t.deepEqual(names(c!.world.collect('file', (r) => r.host !== 'c').current()), ['a:fa', 'b:fb']);

  // Replacing and withdrawing.
  await b!.world.export('b', [file('fb2')]);
  await until(() => names(a!.world.collect('file').current()).join() === 'a:fa,b:fb2,c:fc/with/slashes', 'b replaced');
  await until(() => a!.world.collect('exec').current().length === 0, 'b\'s exec gone');
  await c!.world.export('c', []);
  await until(() => names(a!.world.collect('file').current()).join() === 'a:fa,b:fb2', 'c withdrew');
});

test('`to` lists: only the hosts named collect', async (t) => {
  const prefix = freshPrefix();
  const [a, b, c] = await Promise.all(['a', 'b', 'c'].map((h) => open(t, etcd.url, h, prefix)));
  await a!.world.export('a', [file('all'), file('b-only', {}, ['b']), file('b-and-c', {}, ['b', 'c'])]);
  await until(() => b!.world.collect('file').current().length === 3, 'b sees three');
  await until(() => c!.world.collect('file').current().length === 2, 'c sees two');
  t.deepEqual(names(b!.world.collect('file').current()), ['a:all', 'a:b-and-c', 'a:b-only']);
  t.deepEqual(names(c!.world.collect('file').current()), ['a:all', 'a:b-and-c']);
  t.deepEqual(names(a!.world.collect('file').current()), ['a:all'], 'the exporter is not in its own `to` list');
});

test('a replace of 50 exports is one snapshot change, never a partial one', async (t) => {
  const prefix = freshPrefix();
  const [a, b] = await Promise.all(['a', 'b'].map((h) => open(t, etcd.url, h, prefix)));
  const generation = (g: number) => Array.from({ length: 50 }, (_, i) => file(`g${g}-${String(i).padStart(2, '0')}`, { g, i }));
  await a!.world.export('a', generation(0));
  await until(() => b!.world.collect('file').current().length === 50, 'first generation arrives');
  const seen = record(b!.world.collect('file'));
  for (let g = 1; g <= 6; g++) {
    await a!.world.export('a', generation(g));
    await until(() => b!.world.collect('file').current()[0]?.name.startsWith(`g${g}-`) === true, `generation ${g} arrives`);
  }
  seen.stop();
  t.is(seen.snapshots.length, 7, 'the first snapshot, then one per replace');
  for (const s of seen.snapshots) {
    const gens = new Set(s.map((r) => r.params.g));
    t.is(s.length, 50);
    t.is(gens.size, 1, `a snapshot mixed generations ${[...gens].join(', ')}`);
  }
});

test('close() revokes the lease: the exports vanish at once, without waiting for the TTL', async (t) => {
  const prefix = freshPrefix();
  const b = await open(t, etcd.url, 'b', prefix);
  const a = await open(t, etcd.url, 'a', prefix, { leaseTtl: 60 });
  await a.world.export('a', [file('x')]);
  await until(() => b.world.collect('file').current().length === 1, 'export arrives');
  const t0 = Date.now();
  await a.world.close();
  await until(() => b.world.collect('file').current().length === 0, 'export withdrawn');
  t.true(Date.now() - t0 < 30_000, 'well before the 60 s TTL');
});

test('close({ withdraw: false }) leaves the exports to the lease, for a restarted agent to take over', async (t) => {
  const prefix = freshPrefix();
  const b = await open(t, etcd.url, 'b', prefix);
  const a1 = await open(t, etcd.url, 'a', prefix, { leaseTtl: 2 });
  await a1.world.export('a', [file('kept')]);
  await until(() => b.world.collect('file').current().length === 1, 'export arrives');
  const seen = record(b.world.collect('file'));
  await a1.world.close({ withdraw: false });
  const a2 = await open(t, etcd.url, 'a', prefix, { leaseTtl: 10 });
  await a2.world.export('a', [file('kept')]);
  // Past the old lease's TTL: the keys now belong to the new lease and stay.
  await new Promise((r) => setTimeout(r, 4000));
  t.deepEqual(names(b.world.collect('file').current()), ['a:kept']);
  t.true(seen.snapshots.every((s) => s.length === 1), 'the export never disappeared');
});

test('the key-value API: get, set, delete and watch under <prefix>/kv/', async (t) => {
  const prefix = freshPrefix();
  const [a, b] = await Promise.all(['a', 'b'].map((h) => open(t, etcd.url, h, prefix)));
  const heard: (string | undefined)[] = [];
  const stop = b!.world.watch('cfg/x', (v) => heard.push(v));
  t.is(await a!.world.get('cfg/x'), undefined);
  await a!.world.set('cfg/x', 'one');
  t.is(await b!.world.get('cfg/x'), 'one');
  await until(() => heard.length === 1, 'watch hears the set');
  await a!.world.set('cfg/x', 'one');
  await a!.world.set('cfg/x', 'two');
  await a!.world.set('cfg/x', undefined);
  await until(() => heard.length === 3, 'watch hears the changes');
  t.deepEqual(heard, ['one', 'two', undefined], 'an unchanged value is not an event');
  stop();
  t.is(await raw(t, etcd.url).get(`${prefix}/kv/cfg/x`).string(), null);
});
