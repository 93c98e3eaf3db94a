import test from 'ava';
import { svc } from '../src/svc.js';
import { startBus, type PrivateBus } from './bus-daemon.js';
import { svcContext } from './harness.js';

// A bus without systemd on it, and a bus address where nothing listens.
let bus: PrivateBus;
test.before(() => {
  bus = startBus();
  process.env.DBUS_SYSTEM_BUS_ADDRESS = bus.address;
  process.env.DBUS_SESSION_BUS_ADDRESS = 'unix:path=/nonexistent/mgmt-svc-test-bus';
});
test.after.always(() => bus?.stop());

test('no systemd on the bus: a clear error at once', async (t) => {
  const started = Date.now();
  const ctx = svcContext(t, { state: 'running' }, 'nginx');
  await t.throwsAsync(svc.check(ctx), { message: /^systemd \(org\.freedesktop\.systemd1\) is not on the system bus: is systemd the init system\?/ });
  await t.throwsAsync(svc.watch!(ctx), { message: /is not on the system bus/ });
  t.true(Date.now() - started < 2000);
});

test('no bus at all: a clear error at once', async (t) => {
  const ctx = svcContext(t, { state: 'running', session: true }, 'pipewire');
  await t.throwsAsync(svc.check(ctx), { message: /^cannot connect to the session bus: .*ENOENT/ });
});
