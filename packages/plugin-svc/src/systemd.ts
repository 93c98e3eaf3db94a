import { dbusLib } from './dbus-lib.js';
import type { SharedBus } from './bus.js';

export const SYSTEMD = 'org.freedesktop.systemd1';
export const MANAGER_PATH = '/org/freedesktop/systemd1';
export const MANAGER = 'org.freedesktop.systemd1.Manager';
export const UNIT = 'org.freedesktop.systemd1.Unit';
export const PROPERTIES = 'org.freedesktop.DBus.Properties';

/** What check needs to know about a unit, read from its `org.freedesktop.systemd1.Unit` properties. */
export interface UnitStatus {
  readonly unit: string;
  readonly path: string;
  readonly loadState: string;
  readonly activeState: string;
  readonly subState: string;
  readonly unitFileState: string;
  readonly canReload: boolean;
  /** The unit file changed on disk since systemd last read it (`systemctl daemon-reload` is due). */
  readonly needDaemonReload: boolean;
}

/** Calls a `org.freedesktop.systemd1.Manager` method, turning D-Bus errors into messages a user can act on. */
export async function managerCall(bus: SharedBus, member: string, signature = '', body: readonly unknown[] = []): Promise<unknown[]> {
  try {
    return await bus.call({ destination: SYSTEMD, path: MANAGER_PATH, interface: MANAGER, member, signature, body });
  } catch (err) {
    throw explain(bus, err, `${member}(${body.map((b) => JSON.stringify(b)).join(', ')})`);
  }
}

/** Subscribes the shared connection to systemd's signals, with the same errors as `managerCall`. */
export async function subscribe(bus: SharedBus): Promise<void> {
  try {
    await bus.subscribeSystemd();
  } catch (err) {
    throw explain(bus, err, 'Subscribe()');
  }
}

/**
 * Loads the unit (as `systemctl status` does) and reads its state. A unit systemd cannot find
 * is an error here, so neither check nor apply ever waits on a unit that will not come.
 */
export async function readUnit(bus: SharedBus, unit: string): Promise<UnitStatus> {
  const [path] = await managerCall(bus, 'LoadUnit', 's', [unit]);
  if (typeof path !== 'string') throw new Error(`systemd returned no object path for ${unit}`);
  let props: Record<string, unknown>;
  try {
    const [all] = await bus.call({ destination: SYSTEMD, path, interface: PROPERTIES, member: 'GetAll', signature: 's', body: [UNIT] });
    props = (all ?? {}) as Record<string, unknown>;
  } catch (err) {
    throw explain(bus, err, `reading the properties of ${unit}`);
  }
  const status: UnitStatus = {
    unit,
    path,
    loadState: str(props.LoadState),
    activeState: str(props.ActiveState),
    subState: str(props.SubState),
    unitFileState: str(props.UnitFileState),
    canReload: variant(props.CanReload) === true,
    needDaemonReload: variant(props.NeedDaemonReload) === true,
  };
  if (status.loadState === 'not-found') throw new Error(`unit ${unit} does not exist (systemd on the ${busName(bus)} has no unit file for it)`);
  if (status.loadState === 'error' || status.loadState === 'bad-setting') {
    throw new Error(`unit ${unit} failed to load (LoadState ${status.loadState}); see \`systemctl${bus.kind === 'session' ? ' --user' : ''} status ${unit}\``);
  }
  return status;
}

/**
 * Calls `Reload()` (daemon-reload) when systemd's copy of the unit is older than its file, so a
 * start or restart after a `file` resource rewrote the unit runs the new definition.
 */
export async function reloadIfStale(bus: SharedBus, unit: string): Promise<boolean> {
  const { needDaemonReload } = await readUnit(bus, unit);
  if (needDaemonReload) await managerCall(bus, 'Reload');
  return needDaemonReload;
}

const variant = (v: unknown): unknown => (v instanceof dbusLib().Variant ? (v.value as unknown) : v);
const str = (v: unknown): string => {
  const x = variant(v);
  return typeof x === 'string' ? x : '';
};

const busName = (bus: SharedBus): string => (bus.kind === 'session' ? 'session bus' : 'system bus');

/** Errors naming what failed and why, instead of a bare D-Bus error name. */
export function explain(bus: SharedBus, err: unknown, what: string): Error {
  if (!(err instanceof dbusLib().DBusError)) return err instanceof Error ? err : new Error(String(err));
  // Spawn.*: the bus tried to start systemd by activation, and could not.
  const absent = err.type.startsWith('org.freedesktop.DBus.Error.Spawn.');
  switch (absent ? 'org.freedesktop.DBus.Error.ServiceUnknown' : err.type) {
    case 'org.freedesktop.DBus.Error.ServiceUnknown':
    case 'org.freedesktop.DBus.Error.NameHasNoOwner':
      return new Error(
        `systemd (${SYSTEMD}) is not on the ${busName(bus)}: ${bus.kind === 'session' ? 'is `systemd --user` running for this user' : 'is systemd the init system'}? (${err.text})`,
        { cause: err },
      );
    case 'org.freedesktop.systemd1.NoSuchUnit':
      return new Error(`${what}: the unit does not exist (${err.text})`, { cause: err });
    case 'org.freedesktop.DBus.Error.AccessDenied':
    case 'org.freedesktop.DBus.Error.InteractiveAuthorizationRequired':
      return new Error(`${what}: not allowed (${err.text}); managing system units needs root or a polkit rule`, { cause: err });
    default:
      return new Error(`${what} failed: ${err.type}: ${err.text}`, { cause: err });
  }
}
