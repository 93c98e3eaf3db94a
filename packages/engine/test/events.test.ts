import test from 'ava';
import { drifted, type WatchContext } from '@mgmt/resource';
import { fakeResource } from '@mgmt/resource/testing';
import { Engine } from '../src/index.js';
import { edge, registryOf, res, until } from './helpers.js';

/** A kind over an in-memory "disk": drifted when disk[name] is not "ok". */
function diskKind(disk: Map<string, string>, counts: Map<string, number>) {
  const watchers = new Map<string, WatchContext<Record<string, unknown>>>();
  let stopped = 0;
  const def = fakeResource({
    kind: 'disk',
    async check(ctx) {
      counts.set(ctx.name, (counts.get(ctx.name) ?? 0) + 1);
      return disk.get(ctx.name) === 'ok' ? { ok: true } : drifted(null, [`fix ${ctx.name}`]);
    },
    async apply(ctx) {
      disk.set(ctx.name, 'ok');
    },
    async watch(ctx) {
      watchers.set(ctx.name, ctx);
      return () => {
        stopped++;
      };
    },
    async refresh(ctx) {
      counts.set(`refresh ${ctx.name}`, (counts.get(`refresh ${ctx.name}`) ?? 0) + 1);
    },
  });
  return { def, watchers, stopped: () => stopped };
}

test('an event re-runs only its vertex, then pokes dependents if it changed something', async (t) => {
  const disk = new Map<string, string>();
  const counts = new Map<string, number>();
  const { def, watchers, stopped } = diskKind(disk, counts);
  const engine = new Engine({ registry: registryOf(def) });
  const graph = engine.build({ resources: ['a', 'b', 'c'].map((n) => res('disk', n)), edges: [edge('disk', 'a', 'b')] }).graph!;
  const converged: number[] = [];
  engine.hooks.converged.tap('t', (s) => converged.push(s.converged));
  const done = engine.run(graph); // no timeout: an agent
  await until(() => converged.length === 1);
  t.deepEqual([counts.get('a'), counts.get('b'), counts.get('c')], [1, 1, 1]);

  // Drift on `a`: a is repaired, b is re-checked, c is untouched.
  disk.set('a', 'drifted');
  watchers.get('a')!.event('test');
  await until(() => converged.length === 2);
  t.is(disk.get('a'), 'ok');
  t.deepEqual([counts.get('a'), counts.get('b'), counts.get('c')], [2, 2, 1]);

  // An event that finds nothing to do does not disturb dependents.
  watchers.get('a')!.event('test');
  await until(() => converged.length === 3);
  t.deepEqual([counts.get('a'), counts.get('b')], [3, 2]);

  await engine.stop();
  const summary = await done;
  t.is(summary.converged, 3);
  t.is(stopped(), 3);
});

test('notify edges refresh the target once, however many notifiers changed', async (t) => {
  const disk = new Map<string, string>([['svc', 'ok']]);
  const counts = new Map<string, number>();
  const { def } = diskKind(disk, counts);
  const engine = new Engine({ registry: registryOf(def) });
  const graph = engine.build({
    resources: ['conf1', 'conf2', 'svc'].map((n) => res('disk', n)),
    edges: [edge('disk', 'conf1', 'svc', true), edge('disk', 'conf2', 'svc', true)],
  }).graph!;
  const refreshed: string[] = [];
  engine.hooks.refreshed.tap('t', (v) => refreshed.push(v.key));
  await engine.run(graph, { convergedTimeout: 0 });
  t.deepEqual(refreshed, ['disk[svc]']);
  t.is(counts.get('refresh svc'), 1);
});

test('noop never calls apply and reports what would change, refreshes included', async (t) => {
  const disk = new Map<string, string>();
  const counts = new Map<string, number>();
  const { def } = diskKind(disk, counts);
  const engine = new Engine({ registry: registryOf(def), noop: true });
  const graph = engine.build({ resources: ['conf', 'svc'].map((n) => res('disk', n)), edges: [edge('disk', 'conf', 'svc', true)] }).graph!;
  const reports: string[] = [];
  engine.hooks.noop.tap('t', (v, changes) => reports.push(`${v.key}: ${changes.join(', ')}`));
  const summary = await engine.run(graph, { convergedTimeout: 0 });
  t.is(disk.size, 0);
  t.deepEqual(reports, ['disk[conf]: fix conf', 'disk[svc]: refresh (notified by disk[conf])', 'disk[svc]: fix svc']);
  t.like(summary, { converged: 2, changed: 2, failed: 0 });
  t.is(counts.get('refresh svc'), undefined);
});

test('Meta:noop holds back one resource while the others apply', async (t) => {
  const disk = new Map<string, string>();
  const { def } = diskKind(disk, new Map());
  const engine = new Engine({ registry: registryOf(def) });
  const graph = engine.build({ resources: [res('disk', 'a', { noop: true }), res('disk', 'b')], edges: [] }).graph!;
  await engine.run(graph, { convergedTimeout: 0 });
  t.deepEqual([...disk.keys()], ['b']);
});

test('a beforeApply tap can veto an apply; the vertex fails with its reason', async (t) => {
  const disk = new Map<string, string>();
  const { def } = diskKind(disk, new Map());
  const engine = new Engine({ registry: registryOf(def) });
  engine.hooks.beforeApply.tapPromise('policy', async (v) => (v.name === 'prod' ? 'prod is frozen' : undefined));
  const graph = engine.build({ resources: [res('disk', 'prod'), res('disk', 'dev')], edges: [] }).graph!;
  const summary = await engine.run(graph, { convergedTimeout: 0 });
  t.like(summary, { failed: 1, converged: 1 });
  t.is(engine.vertex('disk[prod]')?.error?.message, 'apply refused: prod is frozen');
  t.false(disk.has('prod'));
});

test('poll re-checks a kind with no watch; stop ends the run and aborts the signal', async (t) => {
  let checks = 0;
  let signal: AbortSignal | undefined;
  const def = fakeResource({
    kind: 'polled',
    poll: 0.05,
    async check(ctx) {
      signal = ctx.signal;
      checks++;
      return { ok: true };
    },
  });
  const engine = new Engine({ registry: registryOf(def) });
  const done = engine.run(engine.build({ resources: [res('polled', 'p')], edges: [] }).graph!);
  await until(() => checks >= 3);
  await engine.stop();
  await done;
  t.true(signal?.aborted);
  const after = checks;
  await new Promise((r) => setTimeout(r, 150));
  t.is(checks, after);
});

test('with a converged timeout the run waits that long after settling', async (t) => {
  const engine = new Engine({ registry: registryOf(fakeResource()) });
  const t0 = Date.now();
  await engine.run(engine.build({ resources: [res('fake', 'x')], edges: [] }).graph!, { convergedTimeout: 0.3 });
  t.true(Date.now() - t0 >= 280);
});

test('an empty graph settles at once', async (t) => {
  const engine = new Engine({ registry: registryOf(fakeResource()) });
  const summary = await engine.run(engine.build({ resources: [], edges: [] }).graph!, { convergedTimeout: 0 });
  t.is(summary.total, 0);
});
