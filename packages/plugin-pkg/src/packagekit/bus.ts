import type { ClientInterface, MessageBus } from '@particle/dbus-next';

// Loaded on first use: every agent loads this plugin, few manage packages, and dbus-next
// costs about 20 ms to import.
const loadDbus = async () => (await import('@particle/dbus-next')).default;

/** How long connecting to the system bus may take before we give up. */
const CONNECT_TIMEOUT_MS = 5000;

/**
 * A private connection to the system bus (`DBUS_SYSTEM_BUS_ADDRESS`, else the standard
 * socket), resolved once the bus said Hello. Later connection errors go to `onError`,
 * never to an unhandled 'error' event.
 */
export async function connectSystemBus(onError: (err: Error) => void = () => {}): Promise<MessageBus> {
  const bus = (await loadDbus()).systemBus();
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`no answer from the system bus within ${CONNECT_TIMEOUT_MS} ms`)), CONNECT_TIMEOUT_MS);
    const ok = (): void => {
      clearTimeout(timer);
      bus.off('error', fail);
      resolve();
    };
    function fail(err: unknown): void {
      clearTimeout(timer);
      bus.off('connect', ok);
      bus.off('error', fail);
      bus.on('error', () => {});
      bus.disconnect();
      reject(err instanceof Error ? err : new Error(String(err)));
    }
    bus.once('connect', ok);
    bus.once('error', fail);
  });
  bus.on('error', (err: unknown) => onError(err instanceof Error ? err : new Error(String(err))));
  return bus;
}

/** Runs `fn` on a fresh connection and always disconnects after. */
export async function withSystemBus<T>(fn: (bus: MessageBus) => Promise<T>): Promise<T> {
  const bus = await connectSystemBus();
  try {
    return await fn(bus);
  } finally {
    bus.disconnect();
  }
}

/** Calls a method of a proxy interface (its methods are only known after introspection). */
export async function callMethod<T = unknown>(iface: ClientInterface, member: string, ...args: unknown[]): Promise<T> {
  const fn = iface[member];
  if (typeof fn !== 'function') throw new Error(`D-Bus interface ${String(iface.$name ?? '')} has no method ${member}`);
  return (await fn.apply(iface, args)) as T;
}
