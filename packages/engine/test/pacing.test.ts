import test from 'ava';
import { drifted, type WatchContext } from '@mgmt/resource';
import { fakeResource } from '@mgmt/resource/testing';
import { Engine, type EngineOptions } from '../src/index.js';
import { registryOf, res, until } from './helpers.js';

/** A watchable kind over an in-memory "disk": drifted while disk[name] is not "ok". */
/** `maxRunning` counts applies in flight at once, among names `counted` accepts. */
function watchedKind(opts: { applyMs?: number; counted?: (name: string) => boolean } = {}) {
  const disk = new Map<string, string>();
  const watchers = new Map<string, WatchContext<Record<string, unknown>>>();
  const checks: { name: string; at: number }[] = [];
  let running = 0;
  let maxRunning = 0;
  const def = fakeResource({
    kind: 'w',
    async check(ctx) {
      checks.push({ name: ctx.name, at: performance.now() });
      return disk.get(ctx.name) === 'ok' ? { ok: true } : drifted(null, [`fix ${ctx.name}`]);
    },
    async apply(ctx) {
      const counted = opts.counted?.(ctx.name) ?? true;
      if (counted) maxRunning = Math.max(maxRunning, ++running);
      await new Promise((r) => setTimeout(r, opts.applyMs ?? 0));
      if (counted) running--;
      disk.set(ctx.name, 'ok');
    },
    async watch(ctx) {
      watchers.set(ctx.name, ctx);
      return () => {};
    },
  });
  const count = (name: string) => checks.filter((c) => c.name === name).length;
  return { def, disk, watchers, checks, count, maxRunning: () => maxRunning };
}

/** Starts an agent (no converged timeout) and waits for its first convergence. */
async function agent(def: ReturnType<typeof watchedKind>['def'], resources: ReturnType<typeof res>[], opts: Omit<EngineOptions, 'registry'> = {}) {
  const engine = new Engine({ ...opts, registry: registryOf(def) });
  let converged = 0;
  engine.hooks.converged.tap('test', () => converged++);
  const done = engine.run(engine.build({ resources, edges: [] }).graph!);
  await until(() => converged === 1);
  return { engine, done, converged: () => converged };
}

test('100 events fired synchronously cost at most 2 checks', async (t) => {
  const k = watchedKind();
  const { engine, done, converged } = await agent(k.def, [res('w', 'a')]);
  const before = k.count('a');
  for (let i = 0; i < 100; i++) k.watchers.get('a')!.event('storm');
  await until(() => converged() >= 2);
  await new Promise((r) => setTimeout(r, 50));
  t.true(k.count('a') - before <= 2, `${k.count('a') - before} checks`);
  t.true(k.count('a') - before >= 1);
  await engine.stop();
  await done;
});

test('Meta:limit delays events beyond the rate, coalescing them, and never drops the last', async (t) => {
  const k = watchedKind();
  const { engine, done } = await agent(k.def, [res('w', 'limited', { limit: 10, burst: 2 }), res('w', 'free')]);
  const before = { limited: k.count('limited'), free: k.count('free') };
  const t0 = performance.now();
  let lastEvent = 0;
  // 100 events, one every 5 ms or more, to each vertex.
  for (let i = 0; i < 100; i++) {
    lastEvent = performance.now();
    k.watchers.get('limited')!.event('storm');
    k.watchers.get('free')!.event('storm');
    await new Promise((r) => setTimeout(r, 5));
  }
  const seconds = (performance.now() - t0) / 1000;
  await until(() => k.checks.some((c) => c.name === 'limited' && c.at > lastEvent));
  const limited = k.count('limited') - before.limited;
  const free = k.count('free') - before.free;
  // A burst of 2, then 10/s over the storm, plus the trailing check after it (and one of slack).
  t.true(limited <= 2 + Math.ceil(10 * seconds) + 2, `${limited} checks under Meta:limit in ${seconds} s`);
  t.true(free > 2 * limited, `${free} checks without a limit, ${limited} with`);
  await engine.stop();
  await done;
});

test('Meta:sema bounds the vertices holding a named semaphore; a size allows that many', async (t) => {
  for (const [sema, want] of [['lock', 1], ['lock:2', 2]] as const) {
    const k = watchedKind({ applyMs: 40, counted: (n) => n !== 'other' });
    const names = ['a', 'b', 'c', 'd', 'e'];
    const engine = new Engine({ registry: registryOf(k.def) });
    const graph = engine.build({ resources: [...names.map((n) => res('w', n, { sema: [sema] })), res('w', 'other')], edges: [] }).graph!;
    const summary = await engine.run(graph, { convergedTimeout: 0 });
    t.is(summary.converged, 6);
    t.is(k.maxRunning(), want, sema);
    t.true(k.checks.filter((c) => c.name === 'other').length === 1); // not held up by the lock
  }
});

test('Meta:sema entries name shared locks: "pkg" and "pkg:1" are one; bad entries are refused', async (t) => {
  const k = watchedKind({ applyMs: 30 });
  const engine = new Engine({ registry: registryOf(k.def) });
  const graph = engine.build({ resources: [res('w', 'a', { sema: ['pkg'] }), res('w', 'b', { sema: ['pkg:1', 'x:3'] })], edges: [] }).graph!;
  await engine.run(graph, { convergedTimeout: 0 });
  t.is(k.maxRunning(), 1);
  const bad = new Engine({ registry: registryOf(k.def) }).build({ resources: [res('w', 'c', { sema: ['pkg:0'] })], edges: [] });
  t.is(bad.graph, undefined);
  t.is(bad.diagnostics[0]?.code, 'ENGINE_INVALID_PARAMS');
});

test('a vertex repaired too often is flapping: the hook fires and further events back off', async (t) => {
  const k = watchedKind();
  const { engine, done } = await agent(k.def, [res('w', 'f')], { flap: { repairs: 3, seconds: 60, backoff: 0.1 } });
  const flaps: number[] = [];
  engine.hooks.flapping.tap('test', (v, count) => flaps.push(count));
  let applies = engine.vertex('w[f]')!.applies;
  const waits: number[] = [];
  for (let i = 0; i < 6; i++) {
    k.disk.set('f', 'drifted');
    const t0 = performance.now();
    k.watchers.get('f')!.event('drift');
    await until(() => engine.vertex('w[f]')!.applies > applies);
    applies = engine.vertex('w[f]')!.applies;
    waits.push(performance.now() - t0);
  }
  t.deepEqual(flaps, [4, 5, 6]);
  // The 5th repair waited the first backoff (100 ms), the 6th twice that.
  t.true(waits[4]! >= 90, `waited ${waits[4]} ms`);
  t.true(waits[5]! >= 190, `waited ${waits[5]} ms`);
  t.true(waits[2]! < 90);
  await engine.stop();
  await done;
});
