import { readFile } from 'node:fs/promises';
import { conformance, makeContext } from '@mgmt/resource/testing';
import test from 'ava';
import { candidateVersion, installedVersion } from '../src/apt/query.js';
import { setCommandRunner, spawnRunner } from '../src/apt/run.js';
import { pkg } from '../src/index.js';
import { aptGet, aptUnavailable, ensure, isInstalled, TEST_PACKAGES } from './helpers/apt.js';
import { reactLikeTheEngine, until } from './helpers/react.js';

// Real apt and dpkg: every test here installs and removes real (tiny) packages, one at a
// time (dpkg has one lock per host), and the machine is left with the packages as found.
// Each apt-get run costs 1-3 s (mostly man-db's trigger), so only the `installed` case runs
// the conformance checks here; `uninstalled` runs them against the PackageKit double.
const skip = await aptUnavailable();
const before = new Set<string>();
const snapshot = async (): Promise<string> => (await installedVersion('sl')) ?? 'not installed';

if (skip) {
  test.skip(`apt backend tests (skipped: ${skip})`, (t) => t.pass());
} else {
  test.before(async () => {
    for (const p of TEST_PACKAGES) if (await isInstalled(p)) before.add(p);
  });
  test.after.always(async () => {
    setCommandRunner(undefined);
    await ensure(TEST_PACKAGES, before);
  });

  const checks = conformance(pkg, {
    watchWithinMs: 5000,
    valid: [
      {
        title: 'apt: sl installed',
        name: 'sl',
        params: { backend: 'apt' },
        setup: () => ensure(['sl'], new Set()),
        snapshot,
        drift: () => aptGet('remove', ['sl']),
      },
    ],
  });
  for (const c of checks) {
    test.serial(c.name, async (t) => {
      await c.run();
      t.pass();
    });
  }

  test.serial('apt: `apt-get remove` behind the agent\'s back is repaired through the dpkg watch', async (t) => {
    await ensure(['sl'], new Set());
    const ctx = makeContext(pkg, { backend: 'apt' }, { name: 'sl' });
    const stop = await reactLikeTheEngine(pkg, ctx);
    try {
      await until(() => isInstalled('sl'), 30_000);
      const seen = ctx.events.length;
      await aptGet('remove', ['sl']);
      const t0 = Date.now();
      await until(async () => ctx.events.length > seen && (await isInstalled('sl')), 30_000);
      t.log(`repaired ${Date.now() - t0} ms after the removal; events: ${ctx.events.join(', ')}`);
      t.true(ctx.events.slice(seen).some((e) => e.startsWith('dpkg status changed')), ctx.events.join(', '));
      t.true(ctx.lines.some((l) => l.message.startsWith('install sl')));
    } finally {
      await stop();
    }
  });

  test.serial('apt: three pkg resources ready together are ONE apt-get transaction', async (t) => {
    await ensure(TEST_PACKAGES, new Set());
    const calls: string[][] = [];
    setCommandRunner((file, args, env) => {
      if (file === 'apt-get') calls.push([...args]);
      return spawnRunner(file, args, env);
    });
    const hello = await candidateVersion('hello');
    const sl = await candidateVersion('sl');
    const resources = [
      makeContext(pkg, { backend: 'apt', state: 'newest' }, { name: 'sl' }),
      makeContext(pkg, { backend: 'apt' }, { name: 'cmatrix' }),
      makeContext(pkg, { backend: 'apt', state: hello! }, { name: 'hello' }),
    ];
    try {
      await Promise.all(
        resources.map(async (ctx) => {
          const r = await pkg.check(ctx);
          if (!r.ok) await pkg.apply(ctx, r.diff);
        }),
      );
    } finally {
      setCommandRunner(undefined);
    }
    t.is(calls.length, 1, calls.map((c) => c.join(' ')).join('\n'));
    t.deepEqual(calls[0]?.slice(calls[0].indexOf('install') + 1), ['cmatrix', `hello=${hello}`, `sl=${sl}`]);
    for (const ctx of resources) t.true((await pkg.check(ctx)).ok, `${ctx.name} converged`);
    // apt's own log agrees: the last transaction installed all three.
    const history = await readFile('/var/log/apt/history.log', 'utf8').catch(() => '');
    if (history) {
      const last = history.trim().split(/\n\n+/).at(-1) ?? '';
      t.regex(last, /^Install: .*\bcmatrix:/m);
      t.regex(last, /^Install: .*\bhello:/m);
      t.regex(last, /^Install: .*\bsl:/m);
    }
  });
}
