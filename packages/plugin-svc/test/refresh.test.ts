import test from 'ava';
import { svc } from '../src/svc.js';
import { converge, startWorld, svcContext, type World } from './harness.js';

let w: World;
test.before(async () => {
  w = await startWorld();
});
test.after.always(() => w?.stop());

const callsFor = (unit: string): string[] => w.double.calls.filter((c) => c.includes(unit) && !c.startsWith('LoadUnit'));

test('refresh restarts a running unit and waits for the job', async (t) => {
  w.double.addUnit({ name: 'app.service', active: 'active', canReload: true });
  const ctx = svcContext(t, { state: 'running' }, 'app');
  await converge(ctx);
  await svc.refresh!(ctx);
  t.deepEqual(callsFor('app.service'), ['RestartUnit app.service replace']);
  t.is(w.double.unit('app.service').restarts, 1);
  t.is(w.double.unit('app.service').reloads, 0);
  t.true((await svc.check(ctx)).ok);
});

test('reload => true reloads a unit that can reload (ReloadOrRestartUnit)', async (t) => {
  w.double.addUnit({ name: 'nginx.service', active: 'active', canReload: true });
  const ctx = svcContext(t, { state: 'running', reload: true }, 'nginx');
  await svc.refresh!(ctx);
  t.deepEqual(callsFor('nginx.service'), ['ReloadOrRestartUnit nginx.service replace']);
  t.is(w.double.unit('nginx.service').reloads, 1);
  t.is(w.double.unit('nginx.service').restarts, 0);
});

test('reload => true restarts a unit that cannot reload', async (t) => {
  w.double.addUnit({ name: 'plain.service', active: 'active', canReload: false });
  const ctx = svcContext(t, { state: 'running', reload: true }, 'plain');
  await svc.refresh!(ctx);
  t.is(w.double.unit('plain.service').restarts, 1);
});

test('a unit meant to be stopped is not started by a refresh', async (t) => {
  w.double.addUnit({ name: 'idle.service', active: 'inactive' });
  const ctx = svcContext(t, { state: 'stopped' }, 'idle');
  await svc.refresh!(ctx);
  t.deepEqual(callsFor('idle.service'), []);
  t.is(w.double.unit('idle.service').ActiveState, 'inactive');
  t.true(ctx.lines.some((l) => l.message === 'refresh skipped: idle.service is meant to be stopped'));
});

test('with state unset, refresh only restarts a running unit (TryRestartUnit)', async (t) => {
  w.double.addUnit({ name: 'maybe.service', active: 'inactive' });
  const ctx = svcContext(t, { startup: 'enabled' }, 'maybe');
  await svc.refresh!(ctx);
  t.deepEqual(callsFor('maybe.service'), ['TryRestartUnit maybe.service replace']);
  t.is(w.double.unit('maybe.service').ActiveState, 'inactive');
});

test('a failed restart throws with the job result', async (t) => {
  w.double.addUnit({ name: 'crashy.service', active: 'active', jobResult: 'failed' });
  const ctx = svcContext(t, { state: 'running' }, 'crashy');
  await t.throwsAsync(svc.refresh!(ctx), { message: /^RestartUnit\(crashy\.service\): the systemd job \S+ finished with result "failed"/ });
});

test('a unit file changed on disk (NeedDaemonReload) makes refresh reload systemd before the restart', async (t) => {
  w.double.addUnit({ name: 'edited.service', active: 'active' });
  w.double.unit('edited.service').NeedDaemonReload = true;
  const ctx = svcContext(t, { state: 'running' }, 'edited');
  const before = w.double.calls.length;
  await svc.refresh!(ctx);
  const calls = w.double.calls.slice(before).filter((c) => c === 'Reload' || c.startsWith('RestartUnit edited'));
  t.deepEqual(calls, ['Reload', 'RestartUnit edited.service replace']);
  t.false(w.double.unit('edited.service').NeedDaemonReload);
});
