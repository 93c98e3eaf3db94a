import test, { type ExecutionContext } from 'ava';
import { capabilities, capabilityProblems, converged, defineResource, drifted, z, type AnyResource } from '../src/index.js';
import { conformance, fakeResource, type ConformanceCheck } from '../src/testing/index.js';
import { memo } from './memo-kind.js';

const noop = (checks: readonly ConformanceCheck[]): ConformanceCheck => checks.find((c) => c.name.endsWith('noop only checks'))!;

async function fails(t: ExecutionContext, check: ConformanceCheck, message: RegExp): Promise<void> {
  const err = await t.throwsAsync(check.run(), { instanceOf: Error }, `${check.name} passed`);
  t.regex(err?.message ?? '', message);
}

test('watch, refresh and autoEdges come from the functions; simulate, group and runsCommands from the declaration', (t) => {
  t.deepEqual(capabilities(memo().def as AnyResource), { watch: true, poll: false, refresh: true, autoEdges: false, simulate: false, group: false, runsCommands: false });
  const declared = fakeResource({ capabilities: { simulate: true, group: true, runsCommands: true } });
  t.deepEqual(capabilities(declared), { watch: false, poll: false, refresh: false, autoEdges: false, simulate: true, group: true, runsCommands: true });
  const withEdges = { ...declared, autoEdges: () => [] } as AnyResource;
  t.true(capabilities(withEdges).autoEdges);
});

test('poll is the kind\'s own interval, and only without watch (the engine ignores it then)', (t) => {
  t.is(capabilities(fakeResource({ poll: 30 })).poll, 30);
  t.is(capabilities(fakeResource()).poll, false);
  t.is(capabilities(fakeResource({ poll: 30, watch: async () => () => {} })).poll, false);
});

test('a declaration that is not booleans is refused by defineResource, naming the kind', (t) => {
  const base = { kind: 'memo', meta: { description: 'x' }, params: z.object({}), check: async () => converged, apply: async () => {} };
  t.throws(() => defineResource({ ...base, capabilities: { watch: true } as never }), {
    message: /^kind `memo`: `capabilities\.watch` is not a capability a kind declares; the declarable ones are `simulate`, `group` and `runsCommands` \(`watch` comes from the definition's own `watch`\)$/,
  });
  t.throws(() => defineResource({ ...base, capabilities: { simulate: 'yes' } as never }), { message: /`capabilities\.simulate` must be true or false/ });
  t.throws(() => defineResource({ ...base, poll: 0 }), { message: /`poll` must be a positive number of seconds/ });
  t.notThrows(() => defineResource({ ...base, capabilities: { simulate: false, group: true }, poll: 0.5 }));
});

test('capabilityProblems lists every problem of a hand-made definition', (t) => {
  t.deepEqual(capabilityProblems({ capabilities: [] as never }), ['`capabilities` must be an object like { simulate: true }']);
  t.deepEqual(capabilityProblems({ capabilities: { group: 1, batch: true } as never, poll: Number.NaN }), [
    '`capabilities.group` must be true or false',
    '`capabilities.batch` is not a capability a kind declares; the declarable ones are `simulate`, `group` and `runsCommands`',
    '`poll` must be a positive number of seconds',
  ]);
  t.deepEqual(capabilityProblems({}), []);
});

test('conformance: a kind declaring simulate must give details with every drifted check', async (t) => {
  const m = memo({ capabilities: { simulate: true } });
  await fails(t, noop(conformance(m.def, { valid: [m.valid] })), /declares `capabilities\.simulate`, but check is drifted with no `details`/);

  const honest = memo({
    capabilities: { simulate: true },
    async check(ctx) {
      const have = honest.store.get(ctx.params.key);
      if (have === ctx.params.value) return converged;
      return drifted(ctx.params.value, [`set ${ctx.params.key}`], [{ param: 'value', ...(have === undefined ? {} : { from: have }), to: ctx.params.value }]);
    },
  });
  await t.notThrowsAsync(noop(conformance(honest.def, { valid: [honest.valid] })).run());
  // Without the declaration, details stay optional.
  await t.notThrowsAsync(noop(conformance(memo().def, { valid: [memo().valid] })).run());
});

test('conformance: a bad declaration breaks the contract', async (t) => {
  const bad = { ...memo().def, capabilities: { refresh: true } } as unknown as AnyResource;
  const meta = conformance(bad, { valid: [] }).find((c) => c.name.endsWith('meta and names follow the rules'))!;
  await fails(t, meta, /breaks the contract:\n- `capabilities\.refresh` is not a capability a kind declares/);
});
