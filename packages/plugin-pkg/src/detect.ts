import type { Backend, BackendName } from './backend.js';
import { aptBackend } from './apt/apt-backend.js';
import { callMethod, withSystemBus } from './packagekit/bus.js';
import { PK_NAME } from './packagekit/enums.js';
import { packagekitBackend } from './packagekit/packagekit-backend.js';

const backends: Record<BackendName, Backend> = { apt: aptBackend, packagekit: packagekitBackend };

export const backendNamed = (name: BackendName): Backend => backends[name];

/** The answer for `auto`, per system bus address (it does not change while the agent runs). */
const detected = new Map<string, Promise<BackendName>>();

/** True when PackageKit owns its name on the system bus or the bus can start it. */
export async function packageKitAvailable(): Promise<boolean> {
  try {
    return await withSystemBus(async (bus) => {
      const dbusIface = (await bus.getProxyObject('org.freedesktop.DBus', '/org/freedesktop/DBus')).getInterface('org.freedesktop.DBus');
      if (await callMethod<boolean>(dbusIface, 'NameHasOwner', PK_NAME)) return true;
      const activatable = await callMethod(dbusIface, 'ListActivatableNames');
      return Array.isArray(activatable) && activatable.includes(PK_NAME);
    });
  } catch {
    return false; // no system bus: not a PackageKit host
  }
}

/** The backend a resource uses: the one named, or for `auto` PackageKit if available, else apt. */
export async function chooseBackend(wanted: 'auto' | BackendName): Promise<Backend> {
  if (wanted !== 'auto') return backendNamed(wanted);
  const key = process.env.DBUS_SYSTEM_BUS_ADDRESS ?? '';
  let answer = detected.get(key);
  if (!answer) {
    answer = packageKitAvailable().then((yes) => (yes ? 'packagekit' : 'apt'));
    detected.set(key, answer);
  }
  return backendNamed(await answer);
}
