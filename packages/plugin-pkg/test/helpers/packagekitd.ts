import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { callMethod, withSystemBus } from '../../src/packagekit/bus.js';
import { startPrivateBus } from './private-bus.js';

/** Where Debian puts the daemons; absent means packagekit/polkitd are not installed. */
export const PACKAGEKITD = '/usr/libexec/packagekitd';
export const POLKITD = '/usr/lib/polkit-1/polkitd';

export interface RealPackageKit {
  readonly address: string;
  stop(): Promise<void>;
}

/** Allows everything; without the eavesdrop rules this dbus 1.14 left every call unanswered. */
const config = (socket: string): string => `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>system</type>
  <listen>unix:path=${socket}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
    <allow user="*"/>
  </policy>
</busconfig>
`;

/**
 * The real packagekitd (apt backend) and polkitd on a private system-type bus, as root. The
 * daemons clear their environment unless told to keep it, hence --keep-environment.
 */
export async function startRealPackageKit(): Promise<RealPackageKit> {
  const dir = await mkdtemp(join(tmpdir(), 'mgmt-pk-'));
  await chmod(dir, 0o755); // polkitd drops to its own user and must reach the socket
  await writeFile(join(dir, 'bus.conf'), config(join(dir, 'bus.sock')));
  const bus = await startPrivateBus([`--config-file=${join(dir, 'bus.conf')}`]);
  const address = bus.address;
  const env = { ...process.env, DBUS_SYSTEM_BUS_ADDRESS: address };
  const children: ChildProcess[] = [
    spawn(POLKITD, ['--no-debug'], { env, stdio: 'ignore' }),
    spawn(PACKAGEKITD, ['--keep-environment', '--disable-timer'], { env, stdio: ['ignore', 'ignore', process.env.MGMT_TEST_PACKAGEKITD_LOG ? 'inherit' : 'ignore'] }),
  ];
  const stop = async (): Promise<void> => {
    for (const c of children) if (c.pid && c.exitCode === null) c.kill();
    bus.stop();
    await rm(dir, { recursive: true, force: true });
  };
  const saved = process.env.DBUS_SYSTEM_BUS_ADDRESS;
  process.env.DBUS_SYSTEM_BUS_ADDRESS = address;
  try {
    const end = Date.now() + 20_000;
    while (!(await owned('org.freedesktop.PackageKit')) || !(await owned('org.freedesktop.PolicyKit1'))) {
      if (Date.now() > end) throw new Error('packagekitd and polkitd did not take their names on the private bus within 20 s');
      await new Promise((r) => setTimeout(r, 200));
    }
  } catch (err) {
    await stop();
    throw err;
  } finally {
    if (saved === undefined) delete process.env.DBUS_SYSTEM_BUS_ADDRESS;
    else process.env.DBUS_SYSTEM_BUS_ADDRESS = saved;
  }
  return { address, stop };
}

const owned = (name: string): Promise<boolean> =>
  withSystemBus(async (bus) => {
    const iface = (await bus.getProxyObject('org.freedesktop.DBus', '/org/freedesktop/DBus')).getInterface('org.freedesktop.DBus');
    return callMethod<boolean>(iface, 'NameHasOwner', name);
  });
