import test from 'ava';
import { edge, res, runGraph, timedKind } from './helpers.js';

test('independent branches run at once; a chain runs in order', async (t) => {
  const timeline: string[] = [];
  const graph = {
    resources: ['e1', 'e2', 'e3', 'e4'].map((n) => res('slow', n)),
    edges: [edge('slow', 'e1', 'e2'), edge('slow', 'e2', 'e3')],
  };
  const { summary } = await runGraph(graph, { defs: [timedKind(200, timeline)] });
  const at = (s: string) => timeline.indexOf(s);
  // e1 and e4 both start before either ends.
  t.true(at('start e4') < at('end e1'));
  t.true(at('start e1') < at('end e4'));
  t.true(at('end e1') < at('start e2'));
  t.true(at('end e2') < at('start e3'));
  t.like(summary, { total: 4, converged: 4, failed: 0, blocked: 0, changed: 4 });
});

test('a failed vertex blocks its dependents while an independent branch completes', async (t) => {
  const timeline: string[] = [];
  const failing = { ...res('slow', 'e1'), params: { fail: true } };
  const graph = {
    resources: [failing, res('slow', 'e2'), res('slow', 'e3'), res('slow', 'e4')],
    edges: [edge('slow', 'e1', 'e2'), edge('slow', 'e2', 'e3')],
  };
  const { summary, engine } = await runGraph(graph, { defs: [timedKind(50, timeline)] });
  t.like(summary, { failed: 1, blocked: 2, converged: 1, changed: 1 });
  t.true(timeline.includes('end e4'));
  t.false(timeline.includes('start e2'));
  t.is(engine.vertex('slow[e2]')?.status, 'blocked');
  t.is(engine.vertex('slow[e1]')?.error?.message, 'e1 exploded');
});

test('the blocked hook says which dependency stopped a vertex', async (t) => {
  const timeline: string[] = [];
  const failing = { ...res('slow', 'a'), params: { fail: true } };
  const graph = { resources: [failing, res('slow', 'b')], edges: [edge('slow', 'a', 'b')] };
  const { Engine } = await import('../src/index.js');
  const { registryOf } = await import('./helpers.js');
  const engine = new Engine({ registry: registryOf(timedKind(1, timeline)) });
  const why: string[] = [];
  engine.hooks.blocked.tap('test', (v, blocker) => why.push(`${v.key} <- ${blocker.key}:${blocker.status}`));
  await engine.run(engine.build(graph).graph!, { convergedTimeout: 0 });
  t.deepEqual(why, ['slow[b] <- slow[a]:failed']);
});

test('retry re-runs a failed apply before giving up', async (t) => {
  let calls = 0;
  const { fakeResource } = await import('@mgmt/resource/testing');
  const flaky = fakeResource({
    kind: 'flaky',
    check: async () => (calls >= 2 ? { ok: true } : { ok: false, diff: null, changes: ['fix'] }),
    apply: async () => {
      calls++;
      if (calls === 1) throw new Error('first try fails');
    },
  });
  const { summary } = await runGraph({ resources: [res('flaky', 'x', { retry: 2, delay: 10 })], edges: [] }, { defs: [flaky] });
  t.is(calls, 2);
  t.like(summary, { converged: 1, failed: 0 });
});

test('a global concurrency limit bounds steps in flight', async (t) => {
  let inFlight = 0;
  let peak = 0;
  const { fakeResource } = await import('@mgmt/resource/testing');
  const kind = fakeResource({
    check: async () => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 20));
      inFlight--;
      return { ok: true };
    },
  });
  const resources = Array.from({ length: 8 }, (_, i) => res('fake', `r${i}`));
  await runGraph({ resources, edges: [] }, { defs: [kind], concurrency: 2 });
  t.is(peak, 2);
});
