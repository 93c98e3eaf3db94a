import type Dbus from '@particle/dbus-next';

type DbusModule = typeof Dbus;
let lib: DbusModule | undefined;

/**
 * Loads dbus-next on first use. Every agent loads this plugin at start-up, most never manage
 * a service, and dbus-next costs about 30 ms to import.
 */
export async function loadDbus(): Promise<DbusModule> {
  lib ??= (await import('@particle/dbus-next')).default;
  return lib;
}

/** dbus-next, once a bus has been opened (which loads it); values from the bus imply that. */
export function dbusLib(): DbusModule {
  if (!lib) throw new Error('internal: dbus-next used before a bus was opened');
  return lib;
}
