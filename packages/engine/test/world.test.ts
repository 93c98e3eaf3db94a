import test from 'ava';
import { MemoryWorld, type CollectedResource } from '../src/index.js';

test('export replaces the host’s exports; collect sees every host, own included', async (t) => {
  const a = new MemoryWorld('a');
  const b = a.as('b');
  await a.export('a', [{ kind: 'file', name: 'f3a', params: { content: 'x' } }, { kind: 'exec', name: 'e', params: {} }]);
  await b.export('b', [{ kind: 'file', name: 'f3b', params: { content: 'y' } }]);
  t.deepEqual(a.collect('file').current(), [
    { host: 'a', kind: 'file', name: 'f3a', params: { content: 'x' } },
    { host: 'b', kind: 'file', name: 'f3b', params: { content: 'y' } },
  ]);
  await a.export('a', [{ kind: 'file', name: 'f4a', params: {} }]);
  t.deepEqual(b.collect('file').current().map((r) => `${r.host}/${r.name}`), ['a/f4a', 'b/f3b']);
  t.deepEqual(b.collect('exec').current(), []);
  await a.export('a', []);
  t.deepEqual(b.collect('file').current().map((r) => r.name), ['f3b']);
});

test('to lists limit who collects; filters narrow', async (t) => {
  const a = new MemoryWorld('a');
  const b = a.as('b');
  const c = a.as('c');
  await a.export('a', [
    { kind: 'file', name: 'for-b', params: {}, to: ['b'] },
    { kind: 'file', name: 'for-all', params: {} },
  ]);
  t.deepEqual(b.collect('file').current().map((r) => r.name), ['for-all', 'for-b']);
  t.deepEqual(c.collect('file').current().map((r) => r.name), ['for-all']);
  t.deepEqual(a.collect('file').current().map((r) => r.name), ['for-all']);
  t.deepEqual(b.collect('file', (r) => r.name.endsWith('-b')).current().map((r) => r.name), ['for-b']);
});

test('subscribers get the current snapshot, then each changed one, and exports are copied', async (t) => {
  const a = new MemoryWorld('a');
  const b = a.as('b');
  const seen: string[][] = [];
  const stop = b.collect('file').subscribe((s) => seen.push(s.map((r) => `${r.host}/${r.name}`)));
  const params = { content: 'x' };
  await a.export('a', [{ kind: 'file', name: 'f', params }]);
  params.content = 'changed behind the world';
  await a.export('a', [{ kind: 'file', name: 'f', params: { content: 'x' } }]); // the same: no snapshot
  await a.export('a', [{ kind: 'exec', name: 'e', params: {} }]); // another kind: file list now empty
  await a.export('a', [{ kind: 'exec', name: 'e2', params: {} }]); // still empty: no snapshot
  stop();
  await a.export('a', [{ kind: 'file', name: 'g', params: {} }]);
  t.deepEqual(seen, [[], ['a/f'], []]);
});

test('collections are async iterables of snapshots', async (t) => {
  const a = new MemoryWorld('a');
  const got: (readonly CollectedResource[])[] = [];
  const done = (async () => {
    for await (const s of a.collect('file')) {
      got.push(s);
      if (got.length === 2) break;
    }
  })();
  await new Promise((r) => setImmediate(r));
  await a.export('a', [{ kind: 'file', name: 'f', params: {} }]);
  await done;
  t.is(got.length, 2);
  t.deepEqual(got[1]!.map((r) => r.name), ['f']);
});

test('the key-value store: get, set, watch', async (t) => {
  const a = new MemoryWorld('a');
  const b = a.as('b');
  const values: (string | undefined)[] = [];
  const stop = b.watch('k', (v) => values.push(v));
  t.is(await a.get('k'), undefined);
  await a.set('k', '1');
  await a.set('k', '1');
  t.is(await b.get('k'), '1');
  await a.set('k', undefined);
  await b.close();
  await a.set('k', '2');
  stop();
  t.deepEqual(values, ['1', undefined]);
});
