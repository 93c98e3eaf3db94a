import test from 'ava';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { drifted, type Logger } from '@mgmt/resource';
import { fakeResource } from '@mgmt/resource/testing';
import { Engine, REFRESH_FILE } from '../src/index.js';
import { edge, registryOf, res, until } from './helpers.js';

/**
 * `conf` is drifted until applied; `svc` is always converged and counts its refreshes;
 * `gate` stays drifted and its apply waits until `open()` is called.
 */
function kinds() {
  const refreshes = new Map<string, number>();
  let open = () => {};
  const gateOpen = new Promise<void>((resolve) => (open = resolve));
  let confDone = false;
  const def = fakeResource({
    kind: 'k',
    async check(ctx) {
      if (ctx.name === 'conf') return confDone ? { ok: true } : drifted(null, ['write conf']);
      if (ctx.name === 'gate') return drifted(null, ['wait']);
      return { ok: true };
    },
    async apply(ctx) {
      if (ctx.name === 'conf') confDone = true;
      if (ctx.name === 'gate') await gateOpen;
    },
    async refresh(ctx) {
      refreshes.set(ctx.name, (refreshes.get(ctx.name) ?? 0) + 1);
    },
  });
  return { def, refreshes, open: () => open() };
}

const stateDir = () => mkdtemp(join(tmpdir(), 'mgmt-engine-state-'));
const pendingIn = async (dir: string): Promise<string[] | undefined> =>
  existsSync(join(dir, REFRESH_FILE)) ? (JSON.parse(await readFile(join(dir, REFRESH_FILE), 'utf8')) as { pending: string[] }).pending : undefined;

test('a refresh owed is on disk before the notifier counts as converged, and gone once done', async (t) => {
  const dir = await stateDir();
  const k = kinds();
  const engine = new Engine({ registry: registryOf(k.def), stateDir: dir });
  const graph = engine.build({
    resources: [res('k', 'conf'), res('k', 'gate'), res('k', 'svc')],
    edges: [edge('k', 'conf', 'svc', true), edge('k', 'gate', 'svc')],
  }).graph!;
  const done = engine.run(graph, { convergedTimeout: 0 });
  await until(() => engine.vertex('k[conf]')?.status === 'converged');
  t.deepEqual(await pendingIn(dir), ['k[svc]']);
  t.is(k.refreshes.get('svc'), undefined);
  k.open();
  await done;
  t.is(k.refreshes.get('svc'), 1);
  t.is(await pendingIn(dir), undefined);
});

test('after a crash, a new engine with the same state dir runs the owed refresh exactly once', async (t) => {
  const dir = await stateDir();
  // What a run killed between the notifier's change and the refresh leaves behind.
  await writeFile(join(dir, REFRESH_FILE), JSON.stringify({ version: 1, pending: ['k[svc]'] }));
  const k = kinds();
  const program = { resources: [res('k', 'svc'), res('k', 'other')], edges: [] };
  const first = new Engine({ registry: registryOf(k.def), stateDir: dir });
  const checkedFirst: string[] = [];
  first.hooks.afterCheck.tapPromise('test', async (v) => void checkedFirst.push(v.key));
  first.hooks.refreshed.tap('test', (v) => checkedFirst.push(`refreshed ${v.key}`));
  await first.run(first.build(program).graph!, { convergedTimeout: 0 });
  t.is(k.refreshes.get('svc'), 1);
  t.true(checkedFirst.indexOf('k[svc]') < checkedFirst.indexOf('refreshed k[svc]'), 'the refresh runs after the check');
  t.is(await pendingIn(dir), undefined);
  t.false(existsSync(join(dir, `${REFRESH_FILE}.tmp`)));

  const second = new Engine({ registry: registryOf(k.def), stateDir: dir });
  await second.run(second.build(program).graph!, { convergedTimeout: 0 });
  t.is(k.refreshes.get('svc'), 1);
});

test('refreshes owed by resources not in the graph are kept; noop runs none and keeps them', async (t) => {
  const dir = await stateDir();
  await writeFile(join(dir, REFRESH_FILE), JSON.stringify({ version: 1, pending: ['k[elsewhere]', 'k[svc]'] }));
  const k = kinds();
  const program = { resources: [res('k', 'svc')], edges: [] };
  const noop = new Engine({ registry: registryOf(k.def), stateDir: dir, noop: true });
  await noop.run(noop.build(program).graph!, { convergedTimeout: 0 });
  t.is(k.refreshes.get('svc'), undefined);
  t.deepEqual(await pendingIn(dir), ['k[elsewhere]', 'k[svc]']);

  const real = new Engine({ registry: registryOf(k.def), stateDir: dir });
  await real.run(real.build(program).graph!, { convergedTimeout: 0 });
  t.is(k.refreshes.get('svc'), 1);
  t.deepEqual(await pendingIn(dir), ['k[elsewhere]']);
});

test('an unreadable state file is reported and ignored', async (t) => {
  const dir = await stateDir();
  await writeFile(join(dir, REFRESH_FILE), '{not json');
  const errors: string[] = [];
  const log: Logger = { debug() {}, info() {}, warn() {}, error: (m) => void errors.push(m), child: () => log };
  const k = kinds();
  const engine = new Engine({ registry: registryOf(k.def), stateDir: dir, log });
  await engine.run(engine.build({ resources: [res('k', 'svc')], edges: [] }).graph!, { convergedTimeout: 0 });
  t.is(k.refreshes.get('svc'), undefined);
  t.regex(errors.join('\n'), /refresh-pending\.json: .*ignoring it/);
});
