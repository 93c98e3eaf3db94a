import dbus from '@particle/dbus-next';
import test from 'ava';
import { connectionsOpened } from '../src/bus.js';
import { sharedBusForTests } from '../src/bus-pool.js';
import { svc } from '../src/svc.js';
import { startWorld, svcContext, type World } from './harness.js';

let w: World;
test.before(async () => {
  w = await startWorld();
});
test.after.always(() => w?.stop());

/** The unique names (connections) on the private bus, asked of the bus daemon itself. */
async function connectionsOnBus(): Promise<number> {
  const reply = await w.double.bus.call(
    new dbus.Message({ destination: 'org.freedesktop.DBus', path: '/org/freedesktop/DBus', interface: 'org.freedesktop.DBus', member: 'ListNames' }),
  );
  return (reply?.body[0] as string[]).filter((n) => n.startsWith(':')).length;
}

test.serial('several svc resources share one connection, closed when the last one stops', async (t) => {
  const base = await connectionsOnBus(); // the double
  const opened = connectionsOpened();
  const ctxs = ['a', 'b', 'c'].map((name) => {
    w.double.addUnit({ name: `${name}.service`, active: 'active' });
    return svcContext(t, { state: 'running' }, name);
  });
  const results = await Promise.all(ctxs.map((c) => svc.check(c)));
  t.true(results.every((r) => r.ok));
  const stops = await Promise.all(ctxs.map((c) => svc.watch!(c)));
  t.is(await connectionsOnBus(), base + 1);
  t.is(connectionsOpened() - opened, 1);
  t.is(sharedBusForTests('system')?.refs, 3);

  for (const stop of stops) await stop();
  ctxs[0]!.controller.abort();
  ctxs[1]!.controller.abort();
  t.is(await connectionsOnBus(), base + 1, 'one vertex still holds it');
  ctxs[2]!.controller.abort();
  t.is(sharedBusForTests('system'), undefined);
  await new Promise((r) => setTimeout(r, 100));
  t.is(await connectionsOnBus(), base);
});

test.serial('session => true uses the session bus, a connection of its own', async (t) => {
  w.double.addUnit({ name: 'user-agent.service', active: 'inactive' });
  const sys = svcContext(t, { state: 'stopped' }, 'user-agent');
  const user = svcContext(t, { state: 'stopped', session: true }, 'user-agent');
  t.true((await svc.check(sys)).ok);
  t.true((await svc.check(user)).ok);
  t.is(sharedBusForTests('system')?.kind, 'system');
  t.is(sharedBusForTests('session')?.kind, 'session');
});

test.serial('a vertex that stopped cannot take the bus again', async (t) => {
  w.double.addUnit({ name: 'late.service', active: 'active' });
  const ctx = svcContext(t, { state: 'running' }, 'late');
  ctx.controller.abort();
  await t.throwsAsync(svc.check(ctx), { message: 'svc[late]: the resource is stopping' });
});
