import test from 'ava';
import { converged, defineResource, z } from '../src/index.js';
import { makeContext, testKind } from '../src/testing/index.js';
import { memo } from './memo-kind.js';

const dir = defineResource({
  kind: 'dir',
  meta: { description: 'a directory' },
  params: z.strictObject({ path: z.string().optional().describe('defaults to the name'), purge: z.boolean().default(false).describe('purge') }),
  id: (p, name) => p.path ?? name,
  state: () => ({ checks: 0 }),
  async check(ctx) {
    ctx.state.checks++;
    return converged;
  },
  async apply() {},
});

test('params are parsed by the schema, defaults filled', (t) => {
  const ctx = makeContext(dir, { path: '/d/' }, { name: 'd' });
  t.deepEqual(ctx.params, { path: '/d/', purge: false });
  t.is(ctx.kind, 'dir');
  t.is(ctx.name, 'd');
  t.is(ctx.hostname, 'test-host');
  t.false(ctx.noop);
  t.true(makeContext(dir, {}, { noop: true, hostname: 'h1' }).noop);
  t.is(makeContext(dir, {}, { hostname: 'h1' }).hostname, 'h1');
});

test('invalid params throw, naming the resource and every issue', (t) => {
  t.throws(() => makeContext(dir, { path: 3, purge: 'yes', nope: 1 } as never, { name: 'd' }), {
    message: /^invalid params for dir\[d\]:\npath: Invalid input: expected string, received number\npurge: .*\n\(params\): Unrecognized key: "nope"$/,
  });
});

test('the graph view holds the resource and its siblings, with ids from their kind', (t) => {
  const m = memo();
  const ctx = makeContext(dir, {}, {
    name: '/a/',
    siblings: [{ name: 'b', params: { path: '/a/b/' } }, { def: m.def, name: 'm', params: { key: 'k', value: 'v' } }],
  });
  t.deepEqual(
    ctx.graph.resources('dir').map((r) => [r.name, r.id, r.params['purge']]),
    [
      ['/a/', '/a/', false],
      ['b', '/a/b/', false],
    ],
  );
  t.deepEqual(ctx.graph.resources('memo'), [{ kind: 'memo', name: 'm', id: 'm', params: { key: 'k', value: 'v' } }]);
  t.deepEqual(ctx.graph.resources('file'), []);
  t.throws(() => makeContext(dir, {}, { siblings: [{ name: 'x', params: { purge: 1 } }] }), { message: /invalid params for dir\[x\]:\npurge:/ });
});

test('state is made once per context and kept across verbs', async (t) => {
  const ctx = makeContext(dir, {});
  await dir.check(ctx);
  await dir.check(ctx);
  t.is(ctx.state.checks, 2);
  t.is(makeContext(dir, {}).state.checks, 0);
  t.is(makeContext(testKind, {}).state.applied, 0);
});

test('events, errors and log lines are recorded; the controller owns the signal', (t) => {
  const ctx = makeContext(dir, {}, { name: 'd' });
  ctx.event('changed');
  ctx.event();
  ctx.error(new Error('broken'));
  ctx.log.child({ part: 'x' }).warn('careful', { n: 1 });
  t.deepEqual(ctx.events, ['changed', '']);
  t.is(ctx.errors[0]?.message, 'broken');
  t.deepEqual(ctx.lines, [{ level: 'warn', message: 'careful', fields: { kind: 'dir', name: 'd', part: 'x', n: 1 } }]);
  t.false(ctx.signal.aborted);
  ctx.controller.abort();
  t.true(ctx.signal.aborted);
});
