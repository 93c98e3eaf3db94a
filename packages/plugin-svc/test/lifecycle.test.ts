import test from 'ava';
import { svc } from '../src/svc.js';
import { converge, startWorld, svcContext, type World } from './harness.js';

let w: World;
test.before(async () => {
  w = await startWorld();
});
test.after.always(() => w?.stop());

test('a stopped unit is started: check drifts, apply starts it and waits for the job', async (t) => {
  w.double.addUnit({ name: 'web.service', active: 'inactive' });
  const ctx = svcContext(t, { state: 'running' }, 'web');
  const r = await svc.check(ctx);
  t.false(r.ok);
  if (r.ok) return;
  t.deepEqual(r.diff, { unit: 'web.service', active: 'start' });
  t.deepEqual(r.changes, ['start web.service (now inactive/dead)']);
  await svc.apply(ctx, r.diff);
  // The job finished before apply returned: the unit is already active.
  t.is(w.double.unit('web.service').ActiveState, 'active');
  t.true(w.double.calls.includes('StartUnit web.service replace'));
  t.true((await svc.check(ctx)).ok);
});

test('a running unit is stopped', async (t) => {
  w.double.addUnit({ name: 'db.service', active: 'active' });
  const ctx = svcContext(t, { name: 'db', state: 'stopped' });
  t.deepEqual(await converge(ctx), ['stop db.service (now active/running)']);
  t.is(w.double.unit('db.service').ActiveState, 'inactive');
});

test('a unit in the wanted state is converged, and check only reads', async (t) => {
  w.double.addUnit({ name: 'quiet.service', active: 'active', unitFileState: 'enabled' });
  const ctx = svcContext(t, { state: 'running', startup: 'enabled' }, 'quiet.service');
  const before = w.double.calls.length;
  t.true((await svc.check(ctx)).ok);
  t.deepEqual(
    w.double.calls.slice(before).filter((c) => c.includes('quiet.service')),
    ['LoadUnit quiet.service'],
  );
});

test('startup enabled: EnableUnitFiles, then Reload', async (t) => {
  w.double.addUnit({ name: 'boot.service', unitFileState: 'disabled' });
  const ctx = svcContext(t, { startup: 'enabled' }, 'boot');
  const before = w.double.calls.length;
  t.deepEqual(await converge(ctx), ['enable boot.service (UnitFileState disabled)']);
  const calls = w.double.calls.slice(before);
  t.true(calls.includes('EnableUnitFiles boot.service runtime=false force=false'));
  t.true(calls.indexOf('Reload') > calls.indexOf('EnableUnitFiles boot.service runtime=false force=false'));
  t.is(w.double.unit('boot.service').UnitFileState, 'enabled');
  t.true(ctx.lines.some((l) => l.message.startsWith('symlink /etc/systemd/system/multi-user.target.wants/boot.service')));
});

test('startup disabled: DisableUnitFiles; enable first, then start, when both drift', async (t) => {
  w.double.addUnit({ name: 'off.service', active: 'active', unitFileState: 'enabled' });
  t.deepEqual(await converge(svcContext(t, { startup: 'disabled' }, 'off')), ['disable off.service (UnitFileState enabled)']);
  t.is(w.double.unit('off.service').UnitFileState, 'disabled');
  t.is(w.double.unit('off.service').ActiveState, 'active', 'state unset: left alone');

  w.double.addUnit({ name: 'both.service' });
  const before = w.double.calls.length;
  t.deepEqual(await converge(svcContext(t, { state: 'running', startup: 'enabled' }, 'both')), [
    'enable both.service (UnitFileState disabled)',
    'start both.service (now inactive/dead)',
  ]);
  const calls = w.double.calls.slice(before).filter((c) => c.includes('both.service') && !c.startsWith('LoadUnit'));
  t.deepEqual(calls, ['EnableUnitFiles both.service runtime=false force=false', 'StartUnit both.service replace']);
  const all = w.double.calls.slice(before);
  t.true(all.indexOf('Reload') > all.indexOf('EnableUnitFiles both.service runtime=false force=false'));
  t.true(all.indexOf('Reload') < all.indexOf('StartUnit both.service replace'));
});

test('a static unit cannot be enabled: a clear error, not an endless drift', async (t) => {
  w.double.addUnit({ name: 'static.service', unitFileState: 'static', hasInstall: false });
  const ctx = svcContext(t, { startup: 'enabled' }, 'static');
  await t.throwsAsync(converge(ctx), { message: /cannot enable static\.service: its unit file has no \[Install\] section/ });
});

test('a unit that does not exist is a clear error, quickly', async (t) => {
  const started = Date.now();
  const ctx = svcContext(t, { state: 'running' }, 'no-such-unit');
  await t.throwsAsync(svc.check(ctx), { message: 'unit no-such-unit.service does not exist (systemd on the system bus has no unit file for it)' });
  t.true(Date.now() - started < 2000);
});

test('a failed job makes apply throw with the job result', async (t) => {
  w.double.addUnit({ name: 'broken.service', jobResult: 'failed' });
  const ctx = svcContext(t, { state: 'running' }, 'broken');
  const r = await svc.check(ctx);
  if (r.ok) return t.fail('expected drift');
  const err = await t.throwsAsync(svc.apply(ctx, r.diff));
  t.regex(err.message, /^StartUnit\(broken\.service\): the systemd job \/org\/freedesktop\/systemd1\/job\/\d+ finished with result "failed"/);
  t.is(w.double.unit('broken.service').ActiveState, 'failed');
});

test('a job that ends before StartUnit replies is still seen (listener first, then the call)', async (t) => {
  w.double.addUnit({ name: 'fast.service', jobDelayMs: 0 });
  const ctx = svcContext(t, { state: 'running' }, 'fast');
  t.deepEqual(await converge(ctx), ['start fast.service (now inactive/dead)']);
});

test('a job that never ends fails after the timeout param, and abort stops the wait', async (t) => {
  w.double.addUnit({ name: 'slow.service', jobDelayMs: 60_000 });
  const ctx = svcContext(t, { state: 'running', timeout: 0.2 }, 'slow');
  const r = await svc.check(ctx);
  if (r.ok) return t.fail('expected drift');
  await t.throwsAsync(svc.apply(ctx, r.diff), { message: /StartUnit\(slow\.service\): job \S+ did not finish within 0\.2 s \(the `timeout` param\)/ });

  const ctx2 = svcContext(t, { state: 'running' }, 'slow');
  const pending = svc.apply(ctx2, { unit: 'slow.service', active: 'start' });
  setTimeout(() => ctx2.controller.abort(), 100);
  await t.throwsAsync(pending, { message: /StartUnit\(slow\.service\): stopped waiting for job \S+: the resource is stopping/ });
});

test('noop: check reports, nothing is called that changes state', async (t) => {
  w.double.addUnit({ name: 'nop.service', active: 'inactive' });
  const ctx = svcContext(t, { state: 'running', startup: 'enabled' }, 'nop', true);
  const r = await svc.check(ctx);
  t.false(r.ok);
  t.is(w.double.unit('nop.service').ActiveState, 'inactive');
  t.is(w.double.unit('nop.service').UnitFileState, 'disabled');
});
