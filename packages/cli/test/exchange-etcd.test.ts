import test from 'ava';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tempDir, until } from './helpers.js';
import { agent, EXCHANGE, exchanged, holds, logged, read, removes, startEtcd, stop } from './etcd-helpers.js';

// The seed's three-host exchange as real processes on one etcd: each agent is `mgmt run
// --seeds URL examples/seed/exchange.mcl` with its own host name. Timings are generous: on a
// loaded 2-core machine each agent takes a second or two to start.

const WAIT = 45_000;

test('three hosts exchange files; an export change reaches the others; a killed host’s exports expire', async (t) => {
  const etcd = await startEtcd(t);
  const base = await tempDir();
  const env = { MGMT_BASE: base };
  const dir = (h: string) => join(base, `mgmt${h.toUpperCase()}`);
  const run = (h: string, program = EXCHANGE, extra: string[] = []) => agent(t, ['--hostname', h, '--seeds', etcd.url, ...extra, program], env);
  const hosts = ['a', 'b', 'c'];
  const agents = { a: run('a'), b: run('b'), c: run('c') };

  await until(async () => (await Promise.all(hosts.map((h) => holds(dir(h), exchanged(h, hosts))))).every(Boolean), WAIT);
  for (const h of hosts) t.true(await holds(dir(h), exchanged(h, hosts)), `${dir(h)} holds its own files and all six exported ones`);

  // a stops cleanly: its exports are withdrawn at once and leave b's and c's graphs.
  t.is(await stop(agents.a), 0, agents.a.err());
  await logged(agents.b, removes('file[f3a]'));
  await logged(agents.c, removes('file[f4a]'));

  // a comes back with a changed program: the new content of f3a reaches b and c.
  const changed = join(await tempDir(), 'exchange-v2.mcl');
  await writeFile(changed, (await readFile(EXCHANGE, 'utf8')).replace('"i am f3${h}, exported by ${h}\\n"', '"i am f3${h}, version 2\\n"'));
  const a2 = run('a', changed, ['--etcd-lease-ttl', '2']);
  const v2 = async (h: string) => (await read(join(dir(h), 'f3a'))) === 'i am f3a, version 2\n';
  await until(async () => (await v2('a')) && (await v2('b')) && (await v2('c')), WAIT);
  t.pass('the new content is in every directory');

  // a dies without a word: its lease (2 s) expires and its exports leave the others' graphs.
  const removals = (h: 'b' | 'c') => agents[h].lines().filter(removes('file[f3a]')).length;
  const before = { b: removals('b'), c: removals('c') };
  a2.kill('SIGKILL');
  await until(() => removals('b') > before.b && removals('c') > before.c, WAIT);
  const expiry = agents.c.lines().filter(removes('file[f3a]')).at(-1)!;
  t.deepEqual([...(expiry['removed'] as string[])].sort(), ['file[f3a]', 'file[f4a]']);
  t.like(expiry, { added: [], changed: [], kept: 7 });
  // The files stay (nothing says absent), but b no longer manages them: a deleted f3a is not
  // repaired, while b's own f1b, deleted at the same moment, is.
  await rm(join(dir('b'), 'f3a'));
  await rm(join(dir('b'), 'f1b'));
  await until(async () => (await read(join(dir('b'), 'f1b'))) === 'i am f1b\n', WAIT);
  await new Promise((r) => setTimeout(r, 500));
  t.is(await read(join(dir('b'), 'f3a')), undefined);

  t.is(await stop(agents.b), 0, agents.b.err());
  t.is(await stop(agents.c), 0, agents.c.err());
});

test('etcd stops and comes back: drift is still repaired meanwhile, and changes made meanwhile flow afterwards', async (t) => {
  const etcd = await startEtcd(t);
  const base = await tempDir();
  const env = { MGMT_BASE: base };
  const dir = (h: string) => join(base, `mgmt${h.toUpperCase()}`);
  // d's f3 takes its content from a file, so it can change while etcd is away.
  const input = join(base, 'f3-content');
  await writeFile(input, 'first\n');
  const reading = join(await tempDir(), 'exchange-read.mcl');
  await writeFile(reading, (await readFile(EXCHANGE, 'utf8')).replace('"i am f3${h}, exported by ${h}\\n"', `file.read("${input}")`));
  const d = agent(t, ['--hostname', 'd', '--seeds', etcd.url, reading], env);
  const e = agent(t, ['--hostname', 'e', '--seeds', etcd.url, EXCHANGE], env);
  const f3e = 'i am f3e, exported by e\n';
  await until(async () => {
    const [ed, de, dd] = await Promise.all([read(join(dir('e'), 'f3d')), read(join(dir('d'), 'f3e')), read(join(dir('d'), 'f3d'))]);
    return ed === 'first\n' && de === f3e && dd === 'first\n';
  }, WAIT);

  await etcd.stop();
  for (const a of [d, e]) await logged(a, (l) => l['event'] === 'world' && l['status'] === 'unreachable' && /still enforcing the last graph/.test(String(l['msg'])));
  // The last graph is still enforced: a deleted file comes back.
  await rm(join(dir('e'), 'f1e'));
  await until(async () => (await read(join(dir('e'), 'f1e'))) === 'i am f1e\n', WAIT);
  t.is(await read(join(dir('e'), 'f3d')), 'first\n', 'collections keep their last snapshot');
  // d's export changes while nobody can hear it.
  const evaluations = d.lines().filter((l) => l['event'] === 'swap').length;
  await writeFile(input, 'second\n');
  await until(() => d.lines().filter((l) => l['event'] === 'swap').length > evaluations, WAIT);

  await etcd.restart();
  for (const a of [d, e]) await logged(a, (l) => l['event'] === 'world' && l['msg'] === 'world reconnected');
  await until(async () => (await read(join(dir('e'), 'f3d'))) === 'second\n' && (await read(join(dir('d'), 'f3d'))) === 'second\n', WAIT);
  // Only the changed vertex ran again on e.
  const swap = await logged(e, (l) => l['event'] === 'swap' && (l['changed'] as string[]).includes('file[f3d]'));
  t.like(swap, { changed: ['file[f3d]'], added: [], removed: [], kept: 6 });

  t.is(await stop(d), 0, d.err());
  t.is(await stop(e), 0, e.err());
});
