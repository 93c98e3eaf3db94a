import dbus from '@particle/dbus-next';
import { conformance } from '@mgmt/resource/testing';
import test from 'ava';
import { pkg } from '../src/index.js';
import { PackageKitDouble } from './helpers/packagekit-double.js';
import { startPrivateBus, type PrivateBus } from './helpers/private-bus.js';

// The kit's checks through the PackageKit backend, against the double on a private bus.
let bus: PrivateBus | undefined;
let server: dbus.MessageBus | undefined;
let double: PackageKitDouble | undefined;

const ready = (async () => {
  bus = await startPrivateBus();
  process.env.DBUS_SYSTEM_BUS_ADDRESS = bus.address;
  server = dbus.sessionBus({ busAddress: bus.address });
  double = await PackageKitDouble.serve(server);
  return double;
})();

test.after.always(() => {
  server?.disconnect();
  bus?.stop();
});

const put = async (name: string, installed: string | null, available: string[]): Promise<void> => {
  (await ready).packages.set(name, { installed, available });
};
const picture = async (name: string): Promise<unknown> => (await ready).packages.get(name) ?? null;
/** Another tool changes the package through PackageKit: a foreign transaction. */
const foreign = async (name: string, installed: string | null): Promise<void> => (await ready).foreignChange(name, installed);

const checks = conformance(pkg, {
  valid: [
    {
      title: 'packagekit: installed',
      name: 'hello',
      params: { backend: 'packagekit' },
      setup: () => put('hello', null, ['2.10-3']),
      snapshot: () => picture('hello'),
      drift: () => foreign('hello', null),
    },
    {
      title: 'packagekit: uninstalled',
      name: 'sl',
      params: { backend: 'packagekit', state: 'uninstalled' },
      setup: () => put('sl', '5.02-1', ['5.02-1']),
      snapshot: () => picture('sl'),
      drift: () => foreign('sl', '5.02-1'),
    },
    {
      title: 'packagekit: newest',
      name: 'cmatrix',
      params: { backend: 'packagekit', state: 'newest' },
      setup: () => put('cmatrix', '1.9', ['1.9', '2.0-3']),
      snapshot: () => picture('cmatrix'),
      drift: () => foreign('cmatrix', '1.9'),
    },
    {
      title: 'packagekit: exact version',
      name: 'figlet',
      params: { backend: 'packagekit', state: '2.2.5-3' },
      setup: () => put('figlet', '2.2.6-1', ['2.2.5-3', '2.2.6-1']),
      snapshot: () => picture('figlet'),
      drift: () => foreign('figlet', '2.2.6-1'),
    },
  ],
  invalid: [
    { params: { state: 'present' }, message: /^state: must be "installed", "uninstalled", "newest" or an exact version/ },
    { params: { state: '2.10 beta' }, message: /^state: must be "installed"/ },
    { params: { name: 'Hello World' }, message: /^name: must be a package name like "nginx"/ },
    { params: { backend: 'yum' }, message: /^backend: Invalid option: expected one of "auto"\|"packagekit"\|"apt"/ },
    { params: { version: '1.0' }, message: /Unrecognized key: "version"/ },
  ],
});

for (const c of checks) {
  test(c.name, async (t) => {
    await ready;
    await c.run();
    t.pass();
  });
}
