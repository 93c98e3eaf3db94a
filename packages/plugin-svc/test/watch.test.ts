import test from 'ava';
import { sharedBusForTests } from '../src/bus-pool.js';
import { svc } from '../src/svc.js';
import { converge, startWorld, svcContext, waitFor, type World } from './harness.js';

let w: World;
test.before(async () => {
  w = await startWorld();
});
test.after.always(() => w?.stop());

// Ava runs the tests of a file at once; the reconnect test cuts the shared connection.
test.serial('`systemctl stop` behind the back fires event() within 1 s, and check sees the drift', async (t) => {
  w.double.addUnit({ name: 'api.service', active: 'active' });
  const ctx = svcContext(t, { state: 'running' }, 'api');
  t.deepEqual(await converge(ctx), []);
  const stop = await svc.watch!(ctx);
  t.teardown(stop);
  w.double.stopBehindBack('api.service');
  t.true(await waitFor(() => ctx.events.length > 0, 1000), 'no event within 1 s');
  t.is(ctx.events[0], 'api.service: ActiveState=inactive SubState=dead');
  const r = await svc.check(ctx);
  t.false(r.ok);
  t.deepEqual(ctx.errors, []);
});

test.serial('watch needs Subscribe, and sees enable/disable by someone else (UnitFilesChanged)', async (t) => {
  w.double.addUnit({ name: 'cron.service', unitFileState: 'enabled' });
  const ctx = svcContext(t, { startup: 'enabled' }, 'cron');
  const stop = await svc.watch!(ctx);
  t.teardown(stop);
  t.true(w.double.calls.includes('Subscribe'));
  const other = svcContext(t, { startup: 'disabled' }, 'cron');
  await converge(other);
  t.true(await waitFor(() => ctx.events.includes('unit files changed'), 1000));
});

test.serial('signals of other units do not fire the watch; UnitNew of its unit does', async (t) => {
  w.double.addUnit({ name: 'mine.service', active: 'active' });
  w.double.addUnit({ name: 'theirs.service', active: 'active' });
  const ctx = svcContext(t, { state: 'running' }, 'mine');
  const stop = await svc.watch!(ctx);
  t.teardown(stop);
  w.double.stopBehindBack('theirs.service');
  await new Promise((r) => setTimeout(r, 150));
  t.deepEqual(ctx.events, []);
  // A unit that is not loaded yet: its first load is announced with UnitNew.
  const late = svcContext(t, { state: 'running' }, 'late');
  const stopLate = await svc.watch!(late);
  t.teardown(stopLate);
  w.double.load('late.service');
  t.true(await waitFor(() => late.events.includes('UnitNew late.service'), 1000));
});

test.serial('a lost bus connection reconnects: watch fires, then keeps watching; check works again', async (t) => {
  w.double.addUnit({ name: 'mq.service', active: 'active' });
  const ctx = svcContext(t, { state: 'running' }, 'mq');
  const stop = await svc.watch!(ctx);
  t.teardown(stop);
  const bus = sharedBusForTests('system');
  t.truthy(bus);
  const subscribes = w.double.calls.filter((c) => c === 'Subscribe').length;
  bus!.breakForTests();
  t.true(await waitFor(() => ctx.events.includes('reconnected to the system bus'), 3000), `events: ${ctx.events.join(', ')}`);
  // Subscribed again on the new connection, match rules back in place.
  t.true(w.double.calls.filter((c) => c === 'Subscribe').length > subscribes);
  const seen = ctx.events.length;
  w.double.stopBehindBack('mq.service');
  t.true(await waitFor(() => ctx.events.length > seen, 1000));
  t.false((await svc.check(ctx)).ok);
});

test.serial('a check in flight when the connection drops fails at once; the next one reconnects', async (t) => {
  w.double.addUnit({ name: 'cut.service', active: 'active' });
  const ctx = svcContext(t, { state: 'running' }, 'cut');
  t.true((await svc.check(ctx)).ok);
  const pending = svc.check(ctx);
  sharedBusForTests('system')!.breakForTests();
  const started = Date.now();
  const r = await pending.then(
    (x) => x.ok,
    (err: Error) => err.message,
  );
  // Either it was answered before the cut, or it failed fast with the reason.
  t.true(r === true || /lost the connection to the system bus/.test(String(r)), String(r));
  t.true(Date.now() - started < 2000);
  t.true((await svc.check(ctx)).ok);
});

test.serial('stopping the watch removes its listeners', async (t) => {
  w.double.addUnit({ name: 'gone.service', active: 'active' });
  const ctx = svcContext(t, { state: 'running' }, 'gone');
  const stop = await svc.watch!(ctx);
  await stop();
  w.double.stopBehindBack('gone.service');
  await new Promise((r) => setTimeout(r, 150));
  t.deepEqual(ctx.events, []);
});
