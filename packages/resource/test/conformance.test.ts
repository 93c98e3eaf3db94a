import test, { type ExecutionContext } from 'ava';
import { converged, drifted, z, type AnyResource } from '../src/index.js';
import { conformance, type ConformanceCheck, type ConformanceSpec } from '../src/testing/index.js';
import { memo } from './memo-kind.js';

const WITHIN = 300;

function checksOf(m: ReturnType<typeof memo>, extra: Partial<ConformanceSpec> = {}): ConformanceCheck[] {
  return conformance(m.def, {
    valid: [m.valid],
    invalid: [
      { params: { key: '', value: 'x' }, message: /^key: must not be empty/ },
      { params: { key: 'k', value: 'x', vaule: 'y' }, message: /vaule/ },
    ],
    watchWithinMs: WITHIN,
    ...extra,
  });
}

const pick = (checks: readonly ConformanceCheck[], part: string): ConformanceCheck => {
  const c = checks.find((x) => x.name.includes(part));
  if (!c) throw new Error(`no check named like ${part}: ${checks.map((x) => x.name).join(', ')}`);
  return c;
};

/** Runs one check and asserts it fails with a message matching `message`. */
async function fails(t: ExecutionContext, check: ConformanceCheck, message: RegExp): Promise<void> {
  const err = await t.throwsAsync(check.run(), { instanceOf: Error }, `${check.name} passed`);
  t.regex(err?.message ?? '', message);
}

test('a well-behaved kind passes every check', async (t) => {
  const checks = checksOf(memo());
  t.deepEqual(
    checks.map((c) => c.name),
    [
      'memo: meta and names follow the rules',
      'memo: params schema renders docs',
      'memo [greeting]: params are accepted',
      'memo [greeting]: check has no side effects',
      'memo [greeting]: noop only checks',
      'memo [greeting]: check → apply → check converges',
      `memo [greeting]: watch fires within ${WITHIN} ms of drift`,
      'memo [greeting]: refresh keeps it converged',
      'memo: rejects {"key":"","value":"x"} with /^key: must not be empty/',
      'memo: rejects {"key":"k","value":"x","vaule":"y"} with /vaule/',
    ],
  );
  for (const c of checks) await t.notThrowsAsync(c.run(), c.name);
});

test('checks of one call run one at a time, even when started together', async (t) => {
  const m = memo();
  let active = 0;
  let most = 0;
  const checks = conformance(m.def, {
    valid: [
      {
        ...m.valid,
        setup: async () => {
          most = Math.max(most, ++active);
          m.store.clear();
        },
        teardown: async () => void active--,
      },
    ],
    watchWithinMs: WITHIN,
  });
  await Promise.all(checks.map((c) => c.run()));
  t.is(most, 1);
  t.is(m.listeners.size, 0, 'every watch was stopped');
});

test('a check that writes fails "no side effects", showing both states', async (t) => {
  const m = memo({
    async check(ctx) {
      m.store.set('touched', 'yes');
      return converged;
    },
  });
  await fails(t, pick(checksOf(m), 'no side effects'), /check changed the real state; it must only read\.\nbefore: \{\}\nafter: +\{"touched":"yes"\}/);
});

test('a check that writes in noop fails "noop only checks"', async (t) => {
  const m = memo({
    async check(ctx) {
      if (ctx.noop) m.store.set(ctx.params.key, ctx.params.value);
      return converged;
    },
  });
  await fails(t, pick(checksOf(m), 'noop'), /a noop run \(check only\) changed the real state/);
});

test('a drifted check with no changes fails "noop only checks"', async (t) => {
  const m = memo({ check: async () => drifted('x', []) });
  await fails(t, pick(checksOf(m), 'noop'), /--noop would have nothing to report/);
});

test('a check returning something else than a CheckResult is named', async (t) => {
  const m = memo({ check: async () => ({ ok: false }) as never });
  await fails(t, pick(checksOf(m), 'no side effects'), /memo\.check the first time returned \{"ok":false\}; expected converged/);
});

test('an apply that does not converge fails idempotence', async (t) => {
  const m = memo({ apply: async () => {} });
  const checks = checksOf(m);
  await fails(t, pick(checks, 'converges'), /apply does not converge in one call: check after apply is still drifted \(greeting: \(unset\) -> hello\)/);
  await fails(t, pick(checks, 'refresh'), /does not converge/);
});

test('a watch that never fires fails within the bound', async (t) => {
  const m = memo({ watch: async () => () => {} });
  const started = Date.now();
  await fails(t, pick(checksOf(m), 'watch'), new RegExp(`watch sent no event\\(\\) within ${WITHIN} ms of drift\\(\\)`));
  t.true(Date.now() - started < WITHIN + 1000);
});

test('a watch that fires only before drift still fails', async (t) => {
  const m = memo({
    async watch(ctx) {
      ctx.event('hello');
      return () => {};
    },
  });
  await fails(t, pick(checksOf(m), 'watch'), /no event\(\) within/);
});

test('a watch that never resolves, or reports an error, fails', async (t) => {
  const never = memo({ watch: () => new Promise(() => {}) });
  await fails(t, pick(checksOf(never), 'watch'), /watch did not resolve within 300 ms; it must resolve once its watcher is live/);
  const broken = memo({
    async watch(ctx) {
      setTimeout(() => ctx.error(new Error('inotify is gone')), 5);
      return () => {};
    },
  });
  await fails(t, pick(checksOf(broken), 'watch'), /watch reported error\(\): inotify is gone/);
});

test('a watch without drift must fire by itself; watchFires: false only starts and stops it', async (t) => {
  const m = memo({ watch: async () => () => {} });
  const { drift: _, ...noDrift } = m.valid;
  await fails(t, pick(checksOf(m, { valid: [noDrift] }), 'watch'), /no event\(\) within 300 ms of starting/);
  const quiet = checksOf(m, { valid: [{ ...noDrift, watchFires: false }] });
  await t.notThrowsAsync(pick(quiet, 'watch starts and stops cleanly').run());
});

test('a refresh that throws, or leaves the resource drifted, fails', async (t) => {
  const throws = memo({
    refresh: async () => {
      throw new Error('restart failed');
    },
  });
  await fails(t, pick(checksOf(throws), 'refresh'), /restart failed/);
  const m = memo({ refresh: async (ctx) => void m.store.delete(ctx.params.key) });
  await fails(t, pick(checksOf(m), 'refresh'), /check after refresh is drifted \(greeting: \(unset\) -> hello\)/);
});

test('meta and names are checked, every problem listed', async (t) => {
  const m = memo();
  const bad = {
    ...m.def,
    kind: 'Memo',
    meta: { description: '' },
    params: z.object({ sendOutput: z.string().describe('x') }),
  } as unknown as AnyResource;
  const err = await t.throwsAsync(pick(conformance(bad, { valid: [] }), 'meta').run());
  t.regex(err?.message ?? '', /kind "Memo" breaks the contract:/);
  t.regex(err?.message ?? '', /- kind "Memo" must be lowercase/);
  t.regex(err?.message ?? '', /- meta.description must be a non-empty string/);
  t.regex(err?.message ?? '', /- param "sendOutput" must be lowercase snake_case/);
  const twoLines = { ...m.def, meta: { description: 'a\nb' } } as AnyResource;
  await fails(t, pick(conformance(twoLines, { valid: [] }), 'meta'), /one line/);
});

test('a schema that cannot render docs fails', async (t) => {
  const m = memo();
  const undocumented = { ...m.def, params: z.object({ key: z.string().describe('k'), value: z.string(), other: z.int() }) } as AnyResource;
  await fails(t, pick(conformance(undocumented, { valid: [] }), 'schema'), /params of memo without a description .*: value, other$/);
  const unrepresentable = { ...m.def, params: z.object({ when: z.date().describe('a date') }) } as AnyResource;
  await fails(t, pick(conformance(unrepresentable, { valid: [] }), 'schema'), /z\.toJSONSchema\(memo\.params\) fails, so `mgmt docs memo` cannot render/);
});

test('invalid params must be rejected, with the message given', async (t) => {
  const m = memo();
  const checks = conformance(m.def, {
    valid: [],
    invalid: [
      { params: { key: 'k', value: 'v' }, message: /anything/ },
      { params: { key: '' }, message: /must be a number/ },
    ],
  });
  await fails(t, checks[2]!, /params \{"key":"k","value":"v"\} were accepted by memo, expected a rejection matching \/anything\//);
  await fails(t, checks[3]!, /no message matches \/must be a number\/; the messages were:\nkey: must not be empty\nvalue: Invalid input/);
});

test('valid params the schema refuses fail with every issue', async (t) => {
  const m = memo();
  const checks = conformance(m.def, { valid: [{ ...m.valid, params: { key: 'k' } as never }] });
  await fails(t, pick(checks, 'params are accepted'), /invalid params for memo\[greeting\]:\nvalue: Invalid input/);
  await fails(t, pick(checks, 'no side effects'), /invalid params for memo\[greeting\]/);
});

test('two valid cases with one title are refused at once', (t) => {
  const m = memo();
  t.throws(() => conformance(m.def, { valid: [m.valid, m.valid] }), { message: /two valid cases are titled "greeting"; give one a `title`/ });
});
