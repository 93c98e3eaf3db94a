import test from 'ava';
import { defineResource, drifted, z, type AnyResource, type ResourceGraph, type WatchContext } from '@mgmt/resource';
import { fakeResource } from '@mgmt/resource/testing';
import { Engine } from '../src/index.js';
import { registryOf, res, until } from './helpers.js';

/**
 * A sender that learns its value in check and is always converged: only a different value
 * sent can re-check its receivers. `apply` (run when `drift` is set) sends too.
 */
function senderKind() {
  const box = { value: 'one', drift: false, watcher: undefined as WatchContext<Record<string, unknown>> | undefined };
  const def = fakeResource({
    kind: 'src',
    sends: z.object({ out: z.string() }),
    check: async (ctx) => {
      if (box.drift) return drifted(null, ['produce']);
      ctx.send?.({ out: box.value });
      return { ok: true };
    },
    apply: async (ctx) => {
      box.drift = false;
      ctx.send?.({ out: box.value });
    },
    watch: async (ctx) => {
      box.watcher = ctx;
      return () => {};
    },
  });
  const produce = (value: string, drift = false): void => {
    box.value = value;
    box.drift = drift;
    box.watcher!.event('test');
  };
  return { def, produce };
}

/** A receiver with a string param `text`, recording what each check saw. */
function receiverKind(seen: unknown[], schema: z.ZodObject = z.object({ text: z.string().optional() })): AnyResource {
  return defineResource({
    kind: 'dst',
    meta: { description: 'receives text' },
    params: schema,
    check: async (ctx) => {
      seen.push(ctx.params['text']);
      return { ok: true };
    },
    apply: async () => {},
  }) as AnyResource;
}

const sendRecvGraph = (pair = { send: 'out', recv: 'text' }): ResourceGraph => ({
  resources: [res('src', 'a'), res('dst', 'b')],
  edges: [{ from: { kind: 'src', name: 'a' }, to: { kind: 'dst', name: 'b' }, notify: false, sendRecv: [pair] }],
});

test('a receiver gets the sent value as its param before its check', async (t) => {
  const seen: unknown[] = [];
  const { def } = senderKind();
  const engine = new Engine({ registry: registryOf(def, receiverKind(seen)) });
  const built = engine.build(sendRecvGraph());
  t.deepEqual(built.diagnostics, []);
  const summary = await engine.run(built.graph!, { convergedTimeout: 0 });
  t.is(summary.converged, 2);
  t.deepEqual(seen, ['one']);
  t.is(engine.vertex('dst[b]')!.params['text'], 'one');
});

test('a new value re-checks the receiver, an equal one does not', async (t) => {
  const seen: unknown[] = [];
  const { def, produce } = senderKind();
  const engine = new Engine({ registry: registryOf(def, receiverKind(seen)) });
  const converged: number[] = [];
  engine.hooks.converged.tap('t', (s) => converged.push(s.converged));
  const done = engine.run(engine.build(sendRecvGraph()).graph!);
  await until(() => converged.length === 1);
  // The sender changes nothing, yet sends a new value: the receiver is checked again.
  produce('two');
  await until(() => converged.length === 2);
  t.deepEqual(seen, ['one', 'two']);
  // The same value again: the receiver is not disturbed.
  produce('two');
  await until(() => converged.length === 3);
  t.deepEqual(seen, ['one', 'two']);
  // An apply that sends: the value arrives too.
  produce('three', true);
  await until(() => converged.length === 4);
  t.deepEqual(seen, ['one', 'two', 'three']);
  await engine.stop();
  await done;
});

test('a value the receiver refuses fails it, naming the sender', async (t) => {
  const seen: unknown[] = [];
  const { def } = senderKind();
  const engine = new Engine({ registry: registryOf(def, receiverKind(seen, z.object({ text: z.string().regex(/^\d+$/).optional() }))) });
  const failed: string[] = [];
  engine.hooks.failed.tap('t', (v, err) => failed.push(`${v.key}: ${err.message}`));
  const summary = await engine.run(engine.build(sendRecvGraph()).graph!, { convergedTimeout: 0 });
  t.is(summary.failed, 1);
  t.deepEqual(seen, []);
  t.is(failed.length, 1);
  t.regex(failed[0]!, /^dst\[b\]: the value of `text` received from src\[a\]\.out is refused: /);
});

test('a value that would change what the receiver manages (its identity) fails it', async (t) => {
  const seen: unknown[] = [];
  const { def } = senderKind();
  const dst = defineResource({
    kind: 'dst',
    meta: { description: 'its identity is its text' },
    params: z.object({ text: z.string().optional() }),
    id: (params, name) => params.text ?? name,
    check: async (ctx) => {
      seen.push(ctx.params['text']);
      return { ok: true };
    },
    apply: async () => {},
  }) as AnyResource;
  const engine = new Engine({ registry: registryOf(def, dst) });
  const failed: string[] = [];
  engine.hooks.failed.tap('t', (v, err) => failed.push(`${v.key}: ${err.message}`));
  const summary = await engine.run(engine.build(sendRecvGraph()).graph!, { convergedTimeout: 0 });
  t.is(summary.failed, 1);
  t.deepEqual(seen, []);
  t.regex(failed[0] ?? '', /^dst\[b\]: the values received \(src\[a\]\.out -> text\) would change what this resource manages from b to one/);
});

test('a receiver waits while its sender has sent nothing; noop checks it with its own params', async (t) => {
  const quiet = fakeResource({ kind: 'src', sends: z.object({ out: z.string() }) }); // converged, never sends
  const seen: unknown[] = [];
  const graph = sendRecvGraph();
  const engine = new Engine({ registry: registryOf(quiet, receiverKind(seen, z.object({ text: z.string().default('own') }))) });
  const settled: number[] = [];
  engine.hooks.converged.tap('t', (s) => settled.push(s.converged));
  const done = engine.run(engine.build(graph).graph!);
  await until(() => engine.vertex('src[a]')?.status === 'converged');
  await new Promise((r) => setTimeout(r, 50));
  t.is(engine.vertex('dst[b]')!.status, 'waiting');
  t.deepEqual(settled, []);
  await engine.stop();
  await done;

  const noop = new Engine({ registry: registryOf(quiet, receiverKind(seen, z.object({ text: z.string().default('own') }))), noop: true });
  const summary = await noop.run(noop.build(graph).graph!, { convergedTimeout: 0 });
  t.is(summary.converged, 2);
  t.deepEqual(seen, ['own']);
});

test('build refuses unknown outputs and params, and a param received twice', (t) => {
  const { def } = senderKind();
  const engine = new Engine({ registry: registryOf(def, receiverKind([])) });
  const codes = (g: ResourceGraph) => engine.build(g).diagnostics.map((d) => `${d.code}: ${d.message}`);
  t.deepEqual(codes(sendRecvGraph({ send: 'nope', recv: 'text' })), ['ENGINE_UNKNOWN_SEND: src[a] does not send `nope`']);
  t.deepEqual(codes(sendRecvGraph({ send: 'out', recv: 'nope' })), ['ENGINE_UNKNOWN_RECV: dst[b] has no param `nope` to receive into']);
  const twice: ResourceGraph = {
    resources: [res('src', 'a'), res('src', 'c'), res('dst', 'b')],
    edges: ['a', 'c'].map((name) => ({ from: { kind: 'src', name }, to: { kind: 'dst', name: 'b' }, notify: false, sendRecv: [{ send: 'out', recv: 'text' }] })),
  };
  t.deepEqual(codes(twice), ['ENGINE_DUPLICATE_RECV: dst[b].text receives from both src[a].out and src[c].out']);
});

test('a kind that sends what it does not declare fails the verb', async (t) => {
  const bad = fakeResource({
    kind: 'src',
    sends: z.object({ out: z.string() }),
    check: async () => drifted(null, ['x']),
    apply: async (ctx) => ctx.send?.({ out: 42 }),
  });
  const engine = new Engine({ registry: registryOf(bad) });
  const failed: string[] = [];
  engine.hooks.failed.tap('t', (_v, err) => failed.push(err.message));
  await engine.run(engine.build({ resources: [res('src', 'a')], edges: [] }).graph!, { convergedTimeout: 0 });
  t.deepEqual(failed, ['sent invalid values: out: Invalid input: expected string, received number']);
});

test('a swap that adds a send/recv edge to a kept receiver checks it again with the value', async (t) => {
  const seen: unknown[] = [];
  const { def } = senderKind();
  const engine = new Engine({ registry: registryOf(def, receiverKind(seen)) });
  const converged: number[] = [];
  engine.hooks.converged.tap('t', (s) => converged.push(s.converged));
  const plain = { ...sendRecvGraph(), edges: [] };
  const done = engine.run(engine.build(plain).graph!);
  await until(() => converged.length === 1);
  t.deepEqual(seen, [undefined]);
  const diff = await engine.swap(engine.build(sendRecvGraph()).graph!);
  t.deepEqual([...diff.kept].sort(), ['dst[b]', 'src[a]']);
  await until(() => seen.length === 2);
  t.deepEqual(seen, [undefined, 'one']);
  await engine.stop();
  await done;
});
