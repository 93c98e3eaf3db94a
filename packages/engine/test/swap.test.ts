import test from 'ava';
import { drifted, type WatchContext } from '@mgmt/resource';
import { fakeResource } from '@mgmt/resource/testing';
import { Engine } from '../src/index.js';
import { edge, registryOf, res, until } from './helpers.js';

/** A kind that records every verb call as `verb name`, drifted until first applied. */
function recorder(calls: string[], applyMs = 0) {
  const applied = new Set<string>();
  const watchers = new Map<string, WatchContext<Record<string, unknown>>>();
  const def = fakeResource({
    kind: 'rec',
    async check(ctx) {
      calls.push(`check ${ctx.name}`);
      return applied.has(`${ctx.name}=${String(ctx.params['v'])}`) ? { ok: true } : drifted(null, ['apply']);
    },
    async apply(ctx) {
      calls.push(`apply ${ctx.name}`);
      if (applyMs) await new Promise((r) => setTimeout(r, applyMs));
      applied.add(`${ctx.name}=${String(ctx.params['v'])}`);
      calls.push(`applied ${ctx.name}`);
    },
    async watch(ctx) {
      calls.push(`watch ${ctx.name}`);
      watchers.set(ctx.name, ctx);
      return () => void calls.push(`unwatch ${ctx.name}`);
    },
  });
  return { def, watchers };
}

const r = (name: string, v = 1) => ({ ...res('rec', name), params: { v } });

async function started(calls: string[], applyMs = 0) {
  const { def, watchers } = recorder(calls, applyMs);
  const engine = new Engine({ registry: registryOf(def) });
  let settled = 0;
  engine.hooks.converged.tap('t', () => settled++);
  const done = engine.run(engine.build({ resources: [r('keep'), r('change'), r('drop')], edges: [] }).graph!);
  return { engine, watchers, done, settled: () => settled };
}

test('a swap keeps unchanged vertices untouched, restarts changed ones, stops removed ones, starts new ones', async (t) => {
  const calls: string[] = [];
  const { engine, done, settled } = await started(calls);
  await until(() => settled() === 1);
  calls.length = 0;

  const next = engine.build({ resources: [r('keep'), r('change', 2), r('new')], edges: [] }).graph!;
  const diff = await engine.swap(next);
  t.deepEqual(diff, { kept: ['rec[keep]'], changed: ['rec[change]'], added: ['rec[new]'], removed: ['rec[drop]'] });
  await until(() => settled() === 2);
  t.false(calls.some((c) => c.endsWith(' keep')), 'the kept vertex was not touched');
  t.true(calls.includes('unwatch change') && calls.includes('unwatch drop'));
  t.false(calls.some((c) => / drop$/.test(c) && !c.startsWith('unwatch')), 'the removed vertex did nothing else');
  for (const c of ['watch change', 'check change', 'apply change', 'watch new', 'apply new']) t.true(calls.includes(c), c);
  t.deepEqual(engine.summary().total, 3);
  await engine.stop();
  t.is((await done).converged, 3);
});

test('new edges take effect without restarting the rest', async (t) => {
  const calls: string[] = [];
  const { engine, done, settled } = await started(calls);
  await until(() => settled() === 1);
  calls.length = 0;
  const next = engine.build({ resources: [r('keep'), r('change'), r('drop'), r('after')], edges: [edge('rec', 'keep', 'after')] }).graph!;
  const diff = await engine.swap(next);
  t.deepEqual(diff.added, ['rec[after]']);
  await until(() => settled() === 2);
  t.deepEqual(calls, ['watch after', 'check after', 'apply after', 'applied after']);
  await engine.stop();
  await done;
});

test('a swap waits for an apply in flight to finish before replacing its vertex', async (t) => {
  const calls: string[] = [];
  const { engine, done } = await started(calls, 300);
  await until(() => calls.includes('apply change'));
  const diff = await engine.swap(engine.build({ resources: [r('keep'), r('change', 2), r('drop')], edges: [] }).graph!);
  t.deepEqual(diff.changed, ['rec[change]']);
  const finished = calls.indexOf('applied change');
  t.not(finished, -1, 'the apply in flight finished');
  t.true(finished < calls.indexOf('unwatch change'), 'before the old vertex was stopped');
  await until(() => calls.filter((c) => c === 'applied change').length === 2);
  await engine.stop();
  await done;
});

test('events on a removed vertex are ignored', async (t) => {
  const calls: string[] = [];
  const { engine, watchers, done, settled } = await started(calls);
  await until(() => settled() === 1);
  const old = watchers.get('drop')!;
  await engine.swap(engine.build({ resources: [r('keep'), r('change')], edges: [] }).graph!);
  calls.length = 0;
  old.event('late');
  await new Promise((resolve) => setTimeout(resolve, 50));
  t.deepEqual(calls, []);
  t.is(engine.vertex('rec[drop]'), undefined);
  await engine.stop();
  await done;
});

test('swapping a 100-vertex graph that changes 1 and adds 1 checks exactly those 2 (counted with hooks)', async (t) => {
  const { def } = recorder([]);
  const engine = new Engine({ registry: registryOf(def) });
  const names = Array.from({ length: 100 }, (_, i) => `f${i}`);
  let settled = 0;
  engine.hooks.converged.tap('t', () => settled++);
  const done = engine.run(engine.build({ resources: names.map((n) => r(n)), edges: [] }).graph!);
  await until(() => settled === 1);
  const checked = new Set<string>();
  const applied = new Set<string>();
  engine.hooks.beforeCheck.tapPromise('count', async (v) => void checked.add(v.key));
  engine.hooks.afterApply.tapPromise('count', async (v) => void applied.add(v.key));
  const next = [...names.map((n) => r(n, n === 'f7' ? 2 : 1)), r('f100')];
  await engine.swap(engine.build({ resources: next, edges: [] }).graph!);
  await until(() => settled === 2);
  t.deepEqual([...checked].sort(), ['rec[f100]', 'rec[f7]']);
  t.deepEqual([...applied].sort(), ['rec[f100]', 'rec[f7]']);
  await engine.stop();
  t.is((await done).total, 101);
});
