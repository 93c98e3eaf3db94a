import test from 'ava';
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { enableEtcdAuth, grantHostRole } from '@mgmt/world-etcd';
import { mgmtWith, ROOT, tempDir, until } from './helpers.js';
import { agent, answers, EXCHANGE, exchanged, freePort, holds, logged, putRaw, read, startEtcd, stop } from './etcd-helpers.js';

const WAIT = 45_000;
const value = (name: string, params: unknown, kind = 'file') => JSON.stringify({ v: 1, kind, name, params });

test('bad data under another host’s prefix is skipped with a reason; good exports still apply', async (t) => {
  const etcd = await startEtcd(t);
  const base = await tempDir();
  const dir = join(base, 'mgmtB');
  // Written as host `evil` would, straight into etcd: one before the agent starts, the rest while it runs.
  const key = (kind: string, name: string) => `/mgmt/exported/evil/*/${kind}/${name}`;
  await putRaw(etcd.url, key('file', 'badparams'), value('badparams', { content: 5 }));
  const b = agent(t, ['--hostname', 'b', '--seeds', etcd.url, EXCHANGE], { MGMT_BASE: base });
  await until(() => holds(dir, exchanged('b', ['b'])), WAIT);
  const ignored = (name: string) => (l: Record<string, unknown>) => l['event'] === 'export-ignored' && l['host'] === 'evil' && l['name'] === name;
  const first = await logged(b, ignored('badparams'));
  t.regex(String(first['msg']), /^ignoring file\[badparams\] exported by host evil: .*content.*; the other exports still apply$/);

  await putRaw(etcd.url, key('file', 'broken'), '{"v":1,"kind":');
  await putRaw(etcd.url, key('file', 'unknownparam'), value('unknownparam', { colour: 'red' }));
  await putRaw(etcd.url, key('file', 'wrongkind'), value('wrongkind', {}, 'nosuch'));
  await putRaw(etcd.url, key('nosuch', 'alien'), value('alien', {}, 'nosuch'));
  // Collected as `$dir + name`, this one would manage b's own f1b.
  await putRaw(etcd.url, key('file', 'f1b'), value('f1b', { content: 'evil\n' }));
  await putRaw(etcd.url, key('file', 'good'), value('good', { content: 'good\n' }));
  await until(async () => (await read(join(dir, 'good'))) === 'good\n', WAIT);
  await logged(b, ignored('unknownparam'));
  t.regex(String((await logged(b, ignored('f1b')))['msg']), /is the same as/);
  t.is(await read(join(dir, 'f1b')), 'i am f1b\n');
  await logged(b, (l) => l['event'] === 'world' && l['msg'] === 'ignoring exported/evil/*/file/broken: malformed JSON');
  await logged(b, (l) => l['event'] === 'world' && /^ignoring exported\/evil\/\*\/file\/wrongkind: value names nosuch\[wrongkind\]/.test(String(l['msg'])));
  t.deepEqual((await readdir(dir)).sort(), ['f1b', 'f2b', 'f3b', 'f4b', 'good']);
  t.false(b.lines().some((l) => l['event'] === 'invalid'), 'no bad export made the program invalid');
  t.is(await stop(b), 0, b.err());
});

test('run yaml on etcd: a bad export is skipped there too, and the good ones are re-homed under the pattern', async (t) => {
  const etcd = await startEtcd(t);
  const base = await tempDir();
  const file = join(base, 'graph3a.yaml');
  await writeFile(file, (await readFile(join(ROOT, 'examples/yaml/graph3a.yaml'), 'utf8')).replaceAll('/tmp/', `${base}/`));
  await putRaw(etcd.url, '/mgmt/exported/evil/*/file/bad', value('bad', { content: 5 }));
  await putRaw(etcd.url, '/mgmt/exported/evil/*/file/good', value('good', { path: '/elsewhere/good', content: 'good\n' }));
  const a = agent(t, ['--hostname', 'a', '--seeds', etcd.url, 'yaml', file], {});
  const dir = join(base, 'mgmtA');
  await until(async () => (await read(join(dir, 'good'))) === 'good\n' && (await read(join(dir, 'f3a'))) === 'i am f3, exported by host A\n', WAIT);
  const ignored = await logged(a, (l) => l['event'] === 'export-ignored' && l['name'] === 'bad');
  t.regex(String(ignored['msg']), /^ignoring file\[bad\] exported by host evil: .*content.*the other exports still apply$/);
  t.deepEqual((await readdir(dir)).sort(), ['f1a', 'f2a', 'f3a', 'f4a', 'good']);
  t.is(await stop(a), 0, a.err());
});

test('--etcd-spawn: a lone agent runs its own etcd, collects its own exports, and stops etcd on SIGTERM', async (t) => {
  const base = await tempDir();
  const state = await tempDir();
  const dir = join(base, 'mgmtS');
  const run = agent(t, ['--hostname', 's', '--etcd-spawn', '--state-dir', state, EXCHANGE], { MGMT_BASE: base });
  await until(() => holds(dir, exchanged('s', ['s'])), WAIT);
  const started = await logged(run, (l) => l['event'] === 'world' && typeof l['url'] === 'string');
  const url = String(started['url']);
  t.regex(String(started['msg']), new RegExp(`^etcd started at ${url} \\(data in ${join(state, 'etcd')}\\)$`));
  t.true(await answers(url));
  t.is(await stop(run), 0, run.err());
  t.false(await answers(url), 'etcd is gone with the agent');

  // Again on the same data dir, once: the first graph already has its own exports back.
  await rm(join(dir, 'f3s'));
  const once = await mgmtWith({ MGMT_BASE: base }, ['run', '--hostname', 's', '--etcd-spawn', '--state-dir', state, '--converged-timeout', '0', EXCHANGE]);
  t.is(once.code, 0, once.err + once.out);
  t.is(await read(join(dir, 'f3s')), 'i am f3s, exported by s\n');
  t.true((await stat(join(state, 'etcd', 'member'))).isDirectory());
});

test('a password user from the environment: the agent logs in as itself; a wrong password is refused at start', async (t) => {
  const etcd = await startEtcd(t);
  await enableEtcdAuth({ endpoints: [etcd.url] }, 'rootpw');
  await grantHostRole({ endpoints: [etcd.url], auth: { username: 'root', password: 'rootpw' } }, '/mgmt', 'w', 'wpw');
  const base = await tempDir();
  const wrong = await mgmtWith({ MGMT_BASE: base, MGMT_ETCD_PASSWORD: 'nope' }, ['run', '--hostname', 'w', '--seeds', etcd.url, EXCHANGE]);
  t.is(wrong.code, 2);
  t.regex(wrong.err, /^error: world: etcd at .* refused user w: /m);
  t.false(wrong.err.includes('nope'), 'the password is not shown');
  const w = agent(t, ['--hostname', 'w', '--seeds', etcd.url, EXCHANGE], { MGMT_BASE: base, MGMT_ETCD_PASSWORD: 'wpw' });
  await until(() => holds(join(base, 'mgmtW'), exchanged('w', ['w'])), WAIT);
  t.is(await stop(w), 0, w.err());
});

test('world flags that cannot work are refused before anything runs', async (t) => {
  const both = await mgmtWith({}, ['run', '--etcd-spawn', '--seeds', 'http://127.0.0.1:1', '--converged-timeout', '0', EXCHANGE]);
  t.is(both.code, 2);
  t.regex(both.err, /--etcd-spawn starts an etcd of its own; --seeds \(http:\/\/127\.0\.0\.1:1\) joins another/);
  const notUrl = await mgmtWith({}, ['run', '--seeds', '10.0.0.1:2379', EXCHANGE]);
  t.is(notUrl.code, 2);
  t.regex(notUrl.err, /expected etcd client URLs such as http:\/\/10\.0\.0\.1:2379/);
  const tls = await mgmtWith({}, ['run', '--seeds', 'http://127.0.0.1:1', '--etcd-ca', 'ca.crt', EXCHANGE]);
  t.is(tls.code, 2);
  t.regex(tls.err, /TLS files are given but a seed is not https:\/\//);
  const userOnly = await mgmtWith({ MGMT_ETCD_USER: 'web1' }, ['run', '--seeds', 'http://127.0.0.1:1', EXCHANGE]);
  t.is(userOnly.code, 2);
  t.regex(userOnly.err, /an etcd user is set \(env: MGMT_ETCD_USER\) but no password: set MGMT_ETCD_PASSWORD/);
});

test('seeds that do not answer: the agent does not start (exit 2) and says where it looked', async (t) => {
  const url = `http://127.0.0.1:${await freePort()}`;
  const base = await tempDir();
  const r = await mgmtWith({ MGMT_BASE: base }, ['run', '--hostname', 'x', '--seeds', url, EXCHANGE]);
  t.is(r.code, 2);
  t.regex(r.err, new RegExp(`^error: world: cannot reach etcd at ${url} \\(gave up after 5 s\\)`, 'm'));
  t.deepEqual(await readdir(base), [], 'nothing was applied');
});

test('mgmt config shows the etcd settings and whether a password is set, never the password', async (t) => {
  const r = await mgmtWith({ MGMT_ETCD_PASSWORD: 's3cret', MGMT_SEEDS: 'https://e:2379' }, ['config', '--json']);
  t.is(r.code, 0, r.err);
  t.false(r.out.includes('s3cret'));
  const { settings } = JSON.parse(r.out) as { settings: Record<string, { value?: unknown; source: string }> };
  t.deepEqual(settings['etcdPassword'], { value: '(set, not shown)', source: 'env: MGMT_ETCD_PASSWORD' });
  t.deepEqual(settings['etcdPrefix'], { value: '/mgmt', source: 'default' });
  t.deepEqual(settings['seeds'], { value: ['https://e:2379'], source: 'env: MGMT_SEEDS' });
});
