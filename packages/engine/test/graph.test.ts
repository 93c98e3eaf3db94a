import test from 'ava';
import { defineResource, z } from '@mgmt/resource';
import { fakeResource } from '@mgmt/resource/testing';
import { Engine, toDot } from '../src/index.js';
import { edge, registryOf, res } from './helpers.js';

const fake = fakeResource();

test('a cycle is refused and named', (t) => {
  const engine = new Engine({ registry: registryOf(fake) });
  const built = engine.build({
    resources: [res('fake', 'a'), res('fake', 'b'), res('fake', 'c')],
    edges: [edge('fake', 'a', 'b'), edge('fake', 'b', 'c'), edge('fake', 'c', 'a')],
  });
  t.is(built.graph, undefined);
  const d = built.diagnostics.find((x) => x.code === 'ENGINE_CYCLE');
  t.truthy(d);
  t.regex(d!.message, /fake\[a\] -> fake\[b\] -> fake\[c\] -> fake\[a\]/);
});

test('unknown kinds name the plugin to add; bad params and edges are all reported', (t) => {
  const strict = defineResource({
    kind: 'strict',
    meta: { description: 'x' },
    params: z.strictObject({ n: z.number() }),
    check: async () => ({ ok: true }) as const,
    apply: async () => {},
  });
  const engine = new Engine({ registry: registryOf(strict) });
  const built = engine.build({
    resources: [res('svc', 'nginx'), { ...res('strict', 's'), params: { n: 'x' } }],
    edges: [edge('strict', 'nope', 's')],
  });
  t.is(built.graph, undefined);
  const codes = built.diagnostics.map((d) => d.code).sort();
  t.deepEqual(codes, ['ENGINE_INVALID_PARAMS', 'ENGINE_UNKNOWN_EDGE_TARGET', 'ENGINE_UNKNOWN_EDGE_TARGET', 'ENGINE_UNKNOWN_KIND']);
  t.is(built.diagnostics.find((d) => d.code === 'ENGINE_UNKNOWN_KIND')?.hint, 'run `mgmt plugin add @mgmt/plugin-svc`');
  t.regex(built.diagnostics.find((d) => d.code === 'ENGINE_INVALID_PARAMS')!.message, /strict\[s\]: n: .*number/);
});

const pathKind = defineResource({
  kind: 'path',
  meta: { description: 'x' },
  params: z.strictObject({ path: z.string().optional() }),
  id: (p, name) => p.path ?? name,
  autoEdges: (p, name) => {
    const path = p.path ?? name;
    const parent = path.slice(0, path.replace(/\/$/, '').lastIndexOf('/') + 1);
    return parent ? [{ kind: 'path', id: parent }] : [];
  },
  check: async () => ({ ok: true }) as const,
  apply: async () => {},
});

test('autoedges order a resource after the one it names, unless switched off', (t) => {
  const engine = new Engine({ registry: registryOf(pathKind) });
  const built = engine.build({
    resources: [res('path', '/d/f'), res('path', '/d/'), res('path', '/d/g', { autoedge: false })],
    edges: [],
  });
  t.deepEqual(built.graph?.edges, [{ from: 'path[/d/]', to: 'path[/d/f]', notify: false, auto: true }]);
  t.regex(toDot(built.graph!), /"path\[\/d\/\]" -> "path\[\/d\/f\]" \[style=dashed\]/);
});

test('two resources with one identity are refused', (t) => {
  const engine = new Engine({ registry: registryOf(pathKind) });
  const built = engine.build({ resources: [res('path', '/a'), { ...res('path', 'other'), params: { path: '/a' } }], edges: [] });
  t.deepEqual(built.diagnostics.map((d) => d.code), ['ENGINE_DUPLICATE_RESOURCE']);
});

test('edges find a resource by identity as well as by name', (t) => {
  const engine = new Engine({ registry: registryOf(pathKind) });
  const built = engine.build({
    resources: [{ ...res('path', 'conf'), params: { path: '/etc/x' } }, res('path', 'other')],
    edges: [{ from: { kind: 'path', name: '/etc/x' }, to: { kind: 'path', name: 'other' }, notify: true }],
  });
  t.deepEqual(built.graph?.edges, [{ from: 'path[conf]', to: 'path[other]', notify: true, auto: false }]);
});

test('the graph hook can rewrite a program before it is built', (t) => {
  const engine = new Engine({ registry: registryOf(fake) });
  engine.hooks.graph.tap('add-one', (g) => ({ ...g, resources: [...g.resources, res('fake', 'added')] }));
  const built = engine.build({ resources: [], edges: [] });
  t.deepEqual([...built.graph!.nodes.keys()], ['fake[added]']);
});

test('ctx.graph shows a vertex the resources of a kind, with their identities', async (t) => {
  const seen: string[] = [];
  const looker = fakeResource({
    kind: 'looker',
    async check(ctx) {
      seen.push(...ctx.graph.resources('path').map((r) => `${r.name}=${r.id}`));
      return { ok: true };
    },
  });
  const engine = new Engine({ registry: registryOf(pathKind, looker) });
  const built = engine.build({ resources: [res('looker', 'l'), { ...res('path', 'conf'), params: { path: '/etc/x' } }], edges: [] });
  await engine.run(built.graph!, { convergedTimeout: 0 });
  t.deepEqual(seen, ['conf=/etc/x']);
  t.deepEqual(built.graph && [...built.graph.nodes.keys()].sort(), ['looker[l]', 'path[conf]']);
});
