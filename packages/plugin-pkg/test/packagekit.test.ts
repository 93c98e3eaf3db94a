import dbus from '@particle/dbus-next';
import { makeContext } from '@mgmt/resource/testing';
import test from 'ava';
import { chooseBackend } from '../src/detect.js';
import { pkg } from '../src/index.js';
import { PackageKitDouble } from './helpers/packagekit-double.js';
import { startPrivateBus, type PrivateBus } from './helpers/private-bus.js';

// PackageKit's API served by a double on a private bus; the plugin reaches it as the
// "system bus" through DBUS_SYSTEM_BUS_ADDRESS (this test file is its own process).
let bus: PrivateBus;
let double: PackageKitDouble;
let server: dbus.MessageBus;

test.before(async () => {
  bus = await startPrivateBus();
  process.env.DBUS_SYSTEM_BUS_ADDRESS = bus.address;
  server = dbus.sessionBus({ busAddress: bus.address });
  double = await PackageKitDouble.serve(server);
});

test.after.always(() => {
  server?.disconnect();
  bus?.stop();
});

const reset = (entries: Record<string, { installed: string | null; available: string[] }>): void => {
  double.packages.clear();
  double.failing.clear();
  double.calls.length = 0;
  for (const [name, p] of Object.entries(entries)) double.packages.set(name, { installed: p.installed, available: [...p.available] });
};

test.serial('auto picks PackageKit when the system bus has it', async (t) => {
  t.is((await chooseBackend('auto')).name, 'packagekit');
});

test.serial('auto falls back to apt when the system bus is unreachable', async (t) => {
  process.env.DBUS_SYSTEM_BUS_ADDRESS = 'unix:path=/nonexistent/mgmt-test-bus';
  try {
    t.is((await chooseBackend('auto')).name, 'apt');
  } finally {
    process.env.DBUS_SYSTEM_BUS_ADDRESS = bus.address;
  }
});

test.serial('installed: Resolve, then one InstallPackages with the available id', async (t) => {
  reset({ hello: { installed: null, available: ['2.10-3'] } });
  const ctx = makeContext(pkg, { backend: 'packagekit' }, { name: 'hello' });
  const r = await pkg.check(ctx);
  if (r.ok) return t.fail('expected drift');
  t.deepEqual(r.changes, ['install hello 2.10-3 (packagekit)']);
  await pkg.apply(ctx, r.diff);
  t.deepEqual(double.changes(), [{ method: 'InstallPackages', ids: ['hello;2.10-3;amd64;fake-repo'] }]);
  t.true((await pkg.check(ctx)).ok);
});

test.serial('newest upgrades through UpdatePackages; an exact version may downgrade', async (t) => {
  reset({ hello: { installed: '2.9', available: ['2.9', '2.10-3'] } });
  const newest = makeContext(pkg, { backend: 'packagekit', state: 'newest' }, { name: 'hello' });
  const r = await pkg.check(newest);
  if (r.ok) return t.fail('expected drift');
  t.deepEqual(r.changes, ['change hello 2.9 -> 2.10-3 (packagekit)']);
  await pkg.apply(newest, r.diff);
  t.is(double.packages.get('hello')?.installed, '2.10-3');
  t.true((await pkg.check(newest)).ok);

  const pinned = makeContext(pkg, { backend: 'packagekit', state: '2.9' }, { name: 'hello' });
  const back = await pkg.check(pinned);
  if (back.ok) return t.fail('expected drift');
  await pkg.apply(pinned, back.diff);
  t.is(double.packages.get('hello')?.installed, '2.9');
  t.deepEqual(double.changes().map((c) => c.method), ['UpdatePackages', 'UpdatePackages']);
});

test.serial('an unknown version is a check error naming what is available', async (t) => {
  reset({ hello: { installed: null, available: ['2.10-3'] } });
  const ctx = makeContext(pkg, { backend: 'packagekit', state: '9.9' }, { name: 'hello' });
  await t.throwsAsync(pkg.check(ctx), { message: 'PackageKit offers no version 9.9 of hello (available: 2.10-3)' });
});

test.serial('three resources ready together are one transaction', async (t) => {
  reset({ sl: { installed: null, available: ['5.02'] }, cmatrix: { installed: null, available: ['2.0'] }, hello: { installed: null, available: ['2.10'] } });
  const ctxs = ['sl', 'cmatrix', 'hello'].map((name) => makeContext(pkg, { backend: 'packagekit' }, { name }));
  const created = double.transactionsCreated;
  await Promise.all(
    ctxs.map(async (ctx) => {
      const r = await pkg.check(ctx);
      if (!r.ok) await pkg.apply(ctx, r.diff);
    }),
  );
  t.is(double.transactionsCreated - created, 4, 'three Resolve transactions and ONE install');
  t.deepEqual(double.changes(), [{ method: 'InstallPackages', ids: ['cmatrix;2.0;amd64;fake-repo', 'hello;2.10;amd64;fake-repo', 'sl;5.02;amd64;fake-repo'] }]);
});

test.serial('a failed group is retried one by one, so the error lands on its resource', async (t) => {
  reset({ sl: { installed: null, available: ['5.02'] }, broken: { installed: null, available: ['1.0'] } });
  const ctxs = ['sl', 'broken'].map((name) => makeContext(pkg, { backend: 'packagekit' }, { name }));
  const diffs = await Promise.all(ctxs.map(async (ctx) => pkg.check(ctx)));
  double.failing.add('broken');
  const results = await Promise.allSettled(ctxs.map((ctx, i) => pkg.apply(ctx, (diffs[i] as { diff: unknown }).diff as never)));
  t.is(results[0]?.status, 'fulfilled');
  t.like(results[1], { status: 'rejected', reason: { message: 'PackageKit InstallPackages: package broken cannot be handled (fake failure)' } });
  t.deepEqual(double.changes().map((c) => c.ids.length), [2, 1, 1], 'the group, then each member alone');
});

test.serial('watch: foreign transactions and UpdatesChanged are events, our own Resolve is not', async (t) => {
  reset({ sl: { installed: '5.02', available: ['5.02'] } });
  const ctx = makeContext(pkg, { backend: 'packagekit' }, { name: 'sl' });
  const stop = await pkg.watch!(ctx);
  try {
    t.true((await pkg.check(ctx)).ok);
    await sleep(100);
    t.deepEqual(ctx.events, [], 'our own Resolve transaction is no event');
    double.foreignChange('sl', null);
    await until(() => ctx.events.length > 0);
    t.deepEqual(ctx.events, ['PackageKit transaction finished']);
    double.updatesChanged();
    await until(() => ctx.events.length > 1);
    t.is(ctx.events[1], 'PackageKit UpdatesChanged');
    t.false((await pkg.check(ctx)).ok, 'the foreign removal is drift');
  } finally {
    await stop();
  }
});

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function until(cond: () => boolean, ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await sleep(10);
  }
}
