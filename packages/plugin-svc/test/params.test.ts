import { readFileSync } from 'node:fs';
import { createRegistry, isPlugin, resourceId, z } from '@mgmt/resource';
import test from 'ava';
import { sessionAddress } from '../src/bus.js';
import plugin, { svc, unitName, unitObjectPath } from '../src/index.js';
import { unitPath } from './systemd-double.js';

const parse = (raw: unknown) => svc.params.parse(raw);

test('the plugin carries its package name and version, and the svc kind', (t) => {
  const pkg = z.object({ name: z.string(), version: z.string() }).parse(JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')));
  t.true(isPlugin(plugin));
  t.deepEqual(plugin.meta, { name: '@mgmt/plugin-svc', version: pkg.version });
  t.deepEqual(plugin.resources, [svc]);
  t.is(createRegistry([plugin]).get('svc')?.definition, svc);
  t.is(typeof svc.watch, 'function');
  t.is(typeof svc.refresh, 'function');
  t.is(svc.poll, undefined);
});

test('defaults: state and startup unset (left alone), system bus, restart on refresh, 300 s jobs', (t) => {
  t.deepEqual(parse({}), { session: false, reload: false, timeout: 300 });
});

test('.service is implied; other unit types and instances stay as written', (t) => {
  t.is(unitName('nginx'), 'nginx.service');
  t.is(unitName('nginx.service'), 'nginx.service');
  t.is(unitName('docker.socket'), 'docker.socket');
  t.is(unitName('getty@tty1'), 'getty@tty1.service');
  t.is(unitName('backup.timer'), 'backup.timer');
  t.is(unitName('my.app'), 'my.app.service');
  t.throws(() => unitName('../etc/passwd'), { message: /invalid unit name "\.\.\/etc\/passwd"/ });
  t.throws(() => unitName(''), { message: /invalid unit name/ });
});

test('the unit object path is escaped as systemd does', (t) => {
  t.is(unitObjectPath('nginx.service'), '/org/freedesktop/systemd1/unit/nginx_2eservice');
  t.is(unitObjectPath('dbus-broker.service'), '/org/freedesktop/systemd1/unit/dbus_2dbroker_2eservice');
  t.is(unitObjectPath('0day.service'), '/org/freedesktop/systemd1/unit/_30day_2eservice');
  t.is(unitObjectPath('getty@tty1.service'), '/org/freedesktop/systemd1/unit/getty_40tty1_2eservice');
  for (const u of ['a_b.service', 'x:y.mount', 'f9.service']) t.is(unitObjectPath(u), unitPath(u));
});

test('the id is the unit (name param first), prefixed user/ on the session bus', (t) => {
  t.is(resourceId(svc, parse({}), 'nginx'), 'nginx.service');
  t.is(resourceId(svc, parse({ name: 'sshd' }), 'ssh server'), 'sshd.service');
  t.is(resourceId(svc, parse({ session: true }), 'pipewire'), 'user/pipewire.service');
});

test('autoEdges: after the unit file in each systemd directory, and the package named like the unit', (t) => {
  t.deepEqual(svc.autoEdges!(parse({}), 'nginx'), [
    { kind: 'file', id: '/etc/systemd/system/nginx.service' },
    { kind: 'file', id: '/lib/systemd/system/nginx.service' },
    { kind: 'file', id: '/usr/lib/systemd/system/nginx.service' },
    { kind: 'pkg', id: 'nginx' },
  ]);
  t.deepEqual(svc.autoEdges!(parse({ session: true, name: 'syncthing' }), 'x'), [
    { kind: 'file', id: '/etc/systemd/user/syncthing.service' },
    { kind: 'file', id: '/usr/lib/systemd/user/syncthing.service' },
    { kind: 'pkg', id: 'syncthing' },
  ]);
});

test('the session bus address: DBUS_SESSION_BUS_ADDRESS, else $XDG_RUNTIME_DIR/bus', (t) => {
  t.is(sessionAddress({ DBUS_SESSION_BUS_ADDRESS: 'unix:path=/a', XDG_RUNTIME_DIR: '/run/user/1000' }), 'unix:path=/a');
  t.is(sessionAddress({ XDG_RUNTIME_DIR: '/run/user/1000' }), 'unix:path=/run/user/1000/bus');
  t.is(sessionAddress({}), undefined);
});
