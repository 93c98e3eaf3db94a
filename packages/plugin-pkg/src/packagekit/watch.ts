import type { ClientInterface, MessageBus } from '@particle/dbus-next';
import type { StopWatch } from '@mgmt/resource';
import { connectSystemBus } from './bus.js';
import { PK_IFACE, PK_NAME, PK_PATH } from './enums.js';
import { isOwnTransaction } from './transaction.js';

interface Subscriber {
  readonly onChange: (reason: string) => void;
  readonly onError: (err: Error) => void;
}

interface Shared {
  readonly bus: MessageBus;
  readonly subscribers: Set<Subscriber>;
  closed: boolean;
}

let shared: Promise<Shared> | undefined;

/**
 * Watches the PackageKit daemon: UpdatesChanged and RepoListChanged always mean "check
 * again"; TransactionListChanged does when a transaction that someone else created leaves
 * the list (it finished). Our own transactions are ignored, or every check (a Resolve
 * transaction) would cause the next one. One connection serves every pkg resource.
 */
export async function watchDaemon(onChange: (reason: string) => void, onError: (err: Error) => void): Promise<StopWatch> {
  const sub: Subscriber = { onChange, onError };
  shared ??= open().catch((err: unknown) => {
    shared = undefined;
    throw err;
  });
  const s = await shared;
  // The last subscriber may have closed it while we waited: open a fresh one.
  if (s.closed) return watchDaemon(onChange, onError);
  s.subscribers.add(sub);
  return () => {
    if (!s.subscribers.delete(sub) || s.subscribers.size > 0) return;
    if (!s.closed) shared = undefined;
    s.closed = true;
    s.bus.disconnect();
  };
}

async function open(): Promise<Shared> {
  const subscribers = new Set<Subscriber>();
  let self: Shared | undefined;
  const fire = (reason: string): void => {
    for (const sub of subscribers) sub.onChange(reason);
  };
  const bus = await connectSystemBus((err) => {
    // A broken connection is never reused: the engine restarts the watches, which reconnect.
    if (self && !self.closed) {
      self.closed = true;
      if (shared) shared = undefined;
    }
    for (const sub of subscribers) sub.onError(err);
  });
  try {
    const daemon: ClientInterface = (await bus.getProxyObject(PK_NAME, PK_PATH)).getInterface(PK_IFACE);
    let running = new Set<string>();
    daemon.on('UpdatesChanged', () => fire('PackageKit UpdatesChanged'));
    daemon.on('RepoListChanged', () => fire('PackageKit RepoListChanged'));
    daemon.on('TransactionListChanged', (list: unknown) => {
      const now = new Set(Array.isArray(list) ? list.map(String) : []);
      const foreign = [...running].some((path) => !now.has(path) && !isOwnTransaction(path));
      running = now;
      if (foreign) fire('PackageKit transaction finished');
    });
    // A round trip after the AddMatch calls: once it returns, the matches are live.
    await bus.getProxyObject(PK_NAME, PK_PATH);
  } catch (err) {
    bus.disconnect();
    throw err;
  }
  self = { bus, subscribers, closed: false };
  return self;
}
