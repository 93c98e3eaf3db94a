import test from 'ava';
import { defineResource, metaparamsSchema, z, type ResourceDecl, type ResourceGraph } from '@mgmt/resource';
import { Engine, diffGraph, type EngineGraph } from '../src/index.js';
import { edge, registryOf, res } from './helpers.js';

/** A kind whose schema and autoEdges count their calls: a validation is one `safeParse`. */
function countingKind() {
  const calls = { parse: 0, autoEdges: 0 };
  const params = z.strictObject({ v: z.number(), path: z.string().optional(), tag: z.string().default('t') });
  const parse = params.safeParse.bind(params);
  params.safeParse = ((...args: Parameters<typeof parse>) => {
    calls.parse++;
    return parse(...args);
  }) as typeof params.safeParse;
  const def = defineResource({
    kind: 'count',
    meta: { description: 'counts its validations' },
    params,
    id: (p, name) => p.path ?? name,
    // A path's parent directory (`/d/` for `/d/f`) comes first, as for files.
    autoEdges: (p, name) => {
      calls.autoEdges++;
      const path = p.path ?? name;
      const parent = path.slice(0, path.replace(/\/$/, '').lastIndexOf('/') + 1);
      return parent ? [{ kind: 'count', id: parent }] : [];
    },
    check: async () => ({ ok: true }) as const,
    apply: async () => {},
  });
  return { def, calls, engine: new Engine({ registry: registryOf(def) }) };
}

/** A fresh decl each time, as a re-evaluated program gives: equal values, new objects. */
const decl = (name: string, v: number, extra: Record<string, unknown> = {}): ResourceDecl => ({ ...res('count', name), params: { v, ...extra } });
const thousand = (changed?: number): ResourceGraph => ({
  resources: [decl('/d/', 0), ...Array.from({ length: 999 }, (_, i) => decl(`/d/f${i}`, i === changed ? -1 : i))],
  edges: [],
});
const built = (r: ReturnType<Engine['build']>): EngineGraph => {
  if (!r.graph) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
  return r.graph;
};

test('rebuilding an unchanged 1,000-resource graph validates nothing; one changed resource is validated alone', (t) => {
  const { engine, calls } = countingKind();
  const metaCalls = { n: 0 };
  const metaParse = metaparamsSchema.safeParse.bind(metaparamsSchema);
  metaparamsSchema.safeParse = ((data: unknown) => {
    metaCalls.n++;
    return metaParse(data);
  }) as typeof metaparamsSchema.safeParse;
  t.teardown(() => void (metaparamsSchema.safeParse = metaParse as typeof metaparamsSchema.safeParse));

  const first = built(engine.build(thousand()));
  t.is(calls.parse, 1000);
  t.is(metaCalls.n, 1000);
  t.is(first.edges.length, 999, 'every file after /d/');

  calls.parse = metaCalls.n = calls.autoEdges = 0;
  const same = built(engine.build(thousand()));
  t.is(calls.parse, 0, 'no params validated');
  t.is(metaCalls.n, 0, 'no metaparams validated');
  t.is(calls.autoEdges, 0, 'autoedges reused');
  t.deepEqual(same.edges, first.edges);
  t.is(same.nodes.get('count[/d/f7]')!.params, first.nodes.get('count[/d/f7]')!.params, 'the validated params are reused');
  t.deepEqual(same.nodes.get('count[/d/f7]')!.params, { v: 7, tag: 't' });
  const kept = diffGraph(first.nodes, same);
  t.is(kept.kept.length, 1000);

  calls.parse = metaCalls.n = calls.autoEdges = 0;
  const one = built(engine.build(thousand(7)));
  t.is(calls.parse, 1, 'only the changed resource');
  t.is(metaCalls.n, 1);
  t.is(calls.autoEdges, 1);
  t.deepEqual(one.nodes.get('count[/d/f7]')!.params, { v: -1, tag: 't' });
  const diff = diffGraph(same.nodes, one);
  t.deepEqual([diff.changed, diff.added, diff.removed, diff.kept.length], [['count[/d/f7]'], [], [], 999]);
});

test('a changed param that now fails validation is refused, every time, until it is fixed', (t) => {
  const { engine, calls } = countingKind();
  built(engine.build({ resources: [decl('a', 1), decl('b', 2)], edges: [] }));
  const bad = () => engine.build({ resources: [decl('a', 1), { ...res('count', 'b'), params: { v: 'two' } }], edges: [] });
  for (let round = 0; round < 2; round++) {
    calls.parse = 0;
    const r = bad();
    t.is(r.graph, undefined);
    t.deepEqual(r.diagnostics.map((d) => d.code), ['ENGINE_INVALID_PARAMS']);
    t.regex(r.diagnostics[0]!.message, /count\[b\]: v: /);
    t.is(calls.parse, 1, 'the refused resource is validated again; the other is not');
  }
  calls.parse = 0;
  t.truthy(engine.build({ resources: [decl('a', 1), decl('b', 2)], edges: [] }).graph);
  t.is(calls.parse, 1, 'b was validated again: a refused resource is not kept');
});

test('reuse needs the exact raw params: a key holding undefined, -0 or a new order is validated again', (t) => {
  const { engine, calls } = countingKind();
  built(engine.build({ resources: [decl('a', 0, { tag: 'x' })], edges: [] }));
  // JSON.stringify would call this the same input, but the strict schema refuses the key.
  calls.parse = 0;
  const typo = engine.build({ resources: [decl('a', 0, { tag: 'x', tga: undefined })], edges: [] });
  t.deepEqual(typo.diagnostics.map((d) => d.code), ['ENGINE_INVALID_PARAMS']);
  t.is(calls.parse, 1);

  built(engine.build({ resources: [decl('a', 0, { tag: 'x' })], edges: [] }));
  calls.parse = 0;
  built(engine.build({ resources: [decl('a', -0, { tag: 'x' })], edges: [] }));
  built(engine.build({ resources: [{ ...res('count', 'a'), params: { tag: 'x', v: -0 } }], edges: [] }));
  t.is(calls.parse, 2, '-0 is not 0, and another key order is another input');
});

test('a caller changing its graph objects after a build is seen: the cache keeps copies', (t) => {
  const { engine, calls } = countingKind();
  const program: ResourceGraph = { resources: [decl('a', 1)], edges: [] };
  built(engine.build(program));
  (program.resources[0]!.params as { v: unknown }).v = 'no longer a number';
  calls.parse = 0;
  const r = engine.build(program);
  t.is(calls.parse, 1);
  t.deepEqual(r.diagnostics.map((d) => d.code), ['ENGINE_INVALID_PARAMS']);
});

test('values that are not plain data are validated every time', (t) => {
  const { engine, calls } = countingKind();
  // A Date is not plain (its value is not in its keys): never reused, so the schema decides.
  const withDate = () => ({ resources: [decl('a', 1, { tag: new Date(0) })], edges: [] });
  for (let round = 0; round < 2; round++) {
    calls.parse = 0;
    t.deepEqual(engine.build(withDate()).diagnostics.map((d) => d.code), ['ENGINE_INVALID_PARAMS']);
    t.is(calls.parse, 1);
  }
  // Zod reads symbol keys (a record does), which Object.keys does not show: never reused either.
  const withSymbol = () => ({ resources: [decl('a', 1, { [Symbol('s')]: 1 })], edges: [] });
  for (let round = 0; round < 2; round++) {
    calls.parse = 0;
    t.truthy(engine.build(withSymbol()).graph);
    t.is(calls.parse, 1);
  }
});

test('a cycle a rebuild introduces is refused and named, through reused autoedges too', (t) => {
  const { engine } = countingKind();
  const resources = () => [decl('a', 1), decl('b', 1), decl('c', 1), decl('/d/', 1), decl('/d/f', 1)];
  const first = built(engine.build({ resources: resources(), edges: [edge('count', 'a', 'b'), edge('count', 'b', 'c')] }));
  t.deepEqual(first.edges.filter((e) => e.auto).map((e) => `${e.from} -> ${e.to}`), ['count[/d/] -> count[/d/f]']);

  const loop = engine.build({ resources: resources(), edges: [edge('count', 'a', 'b'), edge('count', 'b', 'c'), edge('count', 'c', 'a')] });
  t.is(loop.graph, undefined);
  t.regex(loop.diagnostics.find((d) => d.code === 'ENGINE_CYCLE')!.message, /count\[a\] -> count\[b\] -> count\[c\] -> count\[a\]/);

  // /d/ -> /d/f is an autoedge of the unchanged /d/f, reused from the cache.
  const auto = engine.build({ resources: resources(), edges: [edge('count', '/d/f', '/d/')] });
  t.is(auto.graph, undefined);
  t.regex(auto.diagnostics.find((d) => d.code === 'ENGINE_CYCLE')!.message, /count\[\/d\/\] -> count\[\/d\/f\] -> count\[\/d\/\]|count\[\/d\/f\] -> count\[\/d\/\] -> count\[\/d\/f\]/);
});

test('graphs of two engines (no shared cache) still diff by value', (t) => {
  const a = countingKind();
  const b = new Engine({ registry: registryOf(a.def) });
  const one = built(a.engine.build(thousand()));
  const two = built(b.build(thousand(3)));
  const diff = diffGraph(one.nodes, two);
  t.deepEqual(diff.changed, ['count[/d/f3]']);
  t.is(diff.kept.length, 999);
});
