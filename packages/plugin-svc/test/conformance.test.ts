import { conformance } from '@mgmt/resource/testing';
import test from 'ava';
import { svc } from '../src/index.js';
import { startWorld, type World } from './harness.js';

let w: World;
test.before(async () => {
  w = await startWorld();
});
test.after.always(() => w?.stop());

const picture = (name: string) => async () => {
  const u = w.double.unit(name);
  return { active: u.ActiveState, sub: u.SubState, file: u.UnitFileState, restarts: u.restarts, reloads: u.reloads };
};

const checks = conformance(svc, {
  valid: [
    {
      title: 'running and enabled',
      name: 'conf-web',
      params: { state: 'running', startup: 'enabled' },
      setup: async () => w.double.addUnit({ name: 'conf-web.service', active: 'inactive', unitFileState: 'disabled' }),
      snapshot: picture('conf-web.service'),
      drift: async () => w.double.stopBehindBack('conf-web.service'),
    },
    {
      title: 'stopped and disabled',
      name: 'conf-db.service',
      params: { state: 'stopped', startup: 'disabled' },
      setup: async () => w.double.addUnit({ name: 'conf-db.service', active: 'active', unitFileState: 'enabled' }),
      snapshot: picture('conf-db.service'),
      drift: async () => w.double.startBehindBack('conf-db.service'),
    },
    {
      title: 'reload on refresh',
      name: 'conf-proxy',
      params: { name: 'conf-proxy', state: 'running', reload: true },
      setup: async () => w.double.addUnit({ name: 'conf-proxy.service', active: 'active', canReload: true }),
      snapshot: picture('conf-proxy.service'),
      drift: async () => w.double.stopBehindBack('conf-proxy.service'),
    },
  ],
  invalid: [
    { params: { state: 'started' }, message: /^state: Invalid option: expected one of "running"\|"stopped"$/ },
    { params: { startup: 'on' }, message: /^startup: Invalid option/ },
    { params: { name: '/etc/systemd/system/x.service' }, message: /^name: must be a unit name/ },
    { params: { name: 'a b' }, message: /^name: must be a unit name/ },
    { params: { session: 'yes' }, message: /^session: Invalid input: expected boolean/ },
    { params: { timeout: 0 }, message: /^timeout: Too small/ },
    { params: { enable: true }, message: /Unrecognized key: "enable"/ },
  ],
});

for (const c of checks) {
  test(c.name, async (t) => {
    await c.run();
    t.pass();
  });
}
