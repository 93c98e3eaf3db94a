import test from 'ava';
import { file, freshPrefix, names, open, raw, startEtcd, until } from './helpers.js';

const etcd = await startEtcd();
test.after.always(() => etcd.cleanup());

test('bad values are skipped with a logged reason while the good ones still arrive', async (t) => {
  const prefix = freshPrefix();
  const b = await open(t, etcd.url, 'b', prefix);
  const seen: string[][] = [];
  b.world.collect('file').subscribe((s) => seen.push(names(s)));
  const value = (o: Record<string, unknown>) => JSON.stringify({ v: 1, kind: 'file', params: {}, ...o });
  const bad: Record<string, string> = {
    'x/*/file/json': '{ not json',
    'x/*/file/v2': JSON.stringify({ v: 2, kind: 'file', name: 'v2', params: {} }),
    'x/*/file/mismatch': value({ name: 'other' }),
    'x/*/file/params': value({ name: 'params', params: 'nope' }),
    'x/b/file/to': value({ name: 'to', to: ['c'] }),
    'x/*/file/extra/segment': value({ name: 'segment' }),
  };
  const kv = raw(t, etcd.url);
  // All in one transaction with the good ones (etcd3 has no unconditional one: this compare
  // always holds), so the collector's snapshot has to sort them out.
  await kv
    .if(`${prefix}/exported/`, 'Version', '>', -1)
    .then(
      ...Object.entries(bad).map(([k, v]) => kv.put(`${prefix}/exported/${k}`).value(v)),
      kv.put(`${prefix}/exported/x/*/file/good`).value(value({ name: 'good', params: { ok: true } })),
      kv.put(`${prefix}/exported/x/b/file/for-b`).value(value({ name: 'for-b', to: ['b'] })),
    )
    .commit();
  await until(() => b.world.collect('file').current().length === 2, 'the good ones arrive');
  t.deepEqual(names(b.world.collect('file').current()), ['x:for-b', 'x:good']);
  t.deepEqual(seen, [[], ['x:for-b', 'x:good']], 'one snapshot change, with only the good ones');
  const warned = b.logs.filter((l) => l.startsWith('warn: ignoring '));
  t.is(warned.length, Object.keys(bad).length, warned.join('\n'));
  t.true(b.logs.includes('warn: ignoring exported/x/*/file/json: malformed JSON'), b.logs.join('\n'));
  t.true(warned.some((l) => l.includes('file/v2: unknown value version 2')));
  t.true(warned.some((l) => l.includes('file/mismatch: value names file[other] but the key names file[mismatch]')));
  t.true(warned.some((l) => l.includes('x/b/file/to: key is for host b but the value\'s `to` is ["c"]')));
  t.true(warned.some((l) => l.includes('segment: key has 5 segments')));

  // Fixing a bad key brings it in; the log is not repeated for keys already reported.
  await kv.put(`${prefix}/exported/x/*/file/json`).value(value({ name: 'json' }));
  await until(() => b.world.collect('file').current().length === 3, 'the repaired one arrives');
  t.is(b.logs.filter((l) => l.startsWith('warn: ignoring ')).length, warned.length);
});

test('an export over maxExportBytes is refused, naming the resource, and nothing changes', async (t) => {
  const prefix = freshPrefix();
  const a = await open(t, etcd.url, 'a', prefix, { maxExportBytes: 1024 });
  await a.world.export('a', [file('small')]);
  const err = await t.throwsAsync(a.world.export('a', [file('small'), file('big', { content: 'x'.repeat(2000) })]));
  t.regex(err?.message ?? '', /file\[big\] from a: it is \d+ bytes as JSON, over the limit of 1024 \(maxExportBytes\)/);
  await until(() => a.world.collect('file').current().length === 1, 'the small one is there');
  t.deepEqual(names(a.world.collect('file').current()), ['a:small']);
});

test('the default cap is 64 KiB', async (t) => {
  const prefix = freshPrefix();
  const a = await open(t, etcd.url, 'a', prefix);
  await a.world.export('a', [file('fits', { content: 'x'.repeat(60_000) })]);
  await t.throwsAsync(a.world.export('a', [file('too-big', { content: 'x'.repeat(70_000) })]), { message: /file\[too-big\]/ });
  await until(() => a.world.collect('file').current().length === 1, 'the one that fits arrives');
});
