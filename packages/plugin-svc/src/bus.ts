import { withTimeout } from '@mgmt/resource';
import type { Message, MessageBus } from '@particle/dbus-next';
import { dbusLib, loadDbus } from './dbus-lib.js';

/** `system` is the system bus (`DBUS_SYSTEM_BUS_ADDRESS`), `session` the user's (`DBUS_SESSION_BUS_ADDRESS`). */
export type BusKind = 'system' | 'session';

/** Every D-Bus call (and the connect) gives up after this, so nothing waits forever. */
export const CALL_TIMEOUT_MS = 25_000;
const BACKOFF_FIRST_MS = 100;
const BACKOFF_MAX_MS = 5_000;

export interface CallSpec {
  readonly destination: string;
  readonly path: string;
  readonly interface: string;
  readonly member: string;
  readonly signature?: string;
  readonly body?: readonly unknown[];
}

/** Which signals a listener wants; the bus delivers only what a match rule lets through. */
export interface SignalMatch {
  readonly sender: string;
  readonly interface: string;
  readonly member: string;
  readonly path?: string;
}

export type BusEvent = 'lost' | 'reconnected';

interface Listener {
  readonly match: SignalMatch;
  readonly fn: (msg: Message) => void;
}

// Node sockets, as dbus-next keeps them; not in its types.
interface Stream {
  on(event: 'close', fn: () => void): void;
  unref?(): void;
  destroy?(): void;
  readonly writable?: boolean;
}

let opened = 0;
/** How many bus connections this process has opened so far (tests count sharing with it). */
export const connectionsOpened = (): number => opened;

/**
 * One D-Bus connection, shared by every svc resource of the process on that bus. It connects
 * lazily, keeps its match rules and systemd subscription across reconnects, and reconnects
 * with backoff while anyone listens. The socket is unref'd: the bus never keeps the agent alive.
 */
export class SharedBus {
  refs = 0;
  #bus: MessageBus | undefined;
  #connecting: Promise<MessageBus> | undefined;
  #closed = false;
  #everConnected = false;
  #backoff = BACKOFF_FIRST_MS;
  #retry: ReturnType<typeof setTimeout> | undefined;
  #wantSubscribe = false;
  #subscribedOn: MessageBus | undefined;
  /** Match rules in use: how many listeners hold each, and its AddMatch. */
  readonly #rules = new Map<string, { count: number; ready: Promise<void> }>();
  readonly #listeners = new Set<Listener>();
  readonly #events = new Set<(e: BusEvent) => void>();
  readonly #pending = new Map<MessageBus, Set<(err: Error) => void>>();

  constructor(readonly kind: BusKind) {}

  /** Calls a method and returns the reply's body; rejects on an error reply, a timeout or a lost connection. */
  async call(spec: CallSpec, timeoutMs = CALL_TIMEOUT_MS): Promise<unknown[]> {
    const bus = await this.#connection();
    const msg = new (dbusLib().Message)({ ...spec, body: spec.body ? [...spec.body] : [] });
    const pending = this.#pending.get(bus) ?? new Set();
    this.#pending.set(bus, pending);
    let drop: (err: Error) => void = () => {};
    const lost = new Promise<never>((_, reject) => {
      drop = reject;
      pending.add(reject);
    });
    try {
      const what = `D-Bus call ${spec.interface}.${spec.member} on the ${this.kind} bus`;
      const reply = await withTimeout(Promise.race([bus.call(msg), lost]), timeoutMs, `${what} got no reply within ${timeoutMs / 1000} s`);
      return reply?.body ?? [];
    } catch (err) {
      // dbus-next throws a plain Error when it cannot write: the connection is gone.
      if (!(err instanceof dbusLib().DBusError) && streamOf(bus)?.writable === false) {
        this.#lost(bus, err);
        throw new Error(`lost the connection to the ${this.kind} bus: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
      }
      throw err;
    } finally {
      pending.delete(drop);
    }
  }

  /**
   * Delivers matching signals to `fn` until the returned function is called. Resolves once the
   * bus has the match rule, so a signal sent after that is never missed.
   */
  async listen(match: SignalMatch, fn: (msg: Message) => void): Promise<() => Promise<void>> {
    const listener: Listener = { match, fn };
    this.#listeners.add(listener);
    const rule = matchRule(match);
    const held = this.#rules.get(rule);
    // A second listener of a rule waits for the first one's AddMatch too.
    const ready = held ? held.ready : this.#busCall('AddMatch', rule).then(() => {});
    this.#rules.set(rule, { count: (held?.count ?? 0) + 1, ready });
    try {
      await ready;
    } catch (err) {
      this.#listeners.delete(listener);
      this.#unrule(rule);
      throw err;
    }
    return async () => {
      if (!this.#listeners.delete(listener)) return;
      if (this.#unrule(rule) && this.#bus && !this.#closed) await this.#busCall('RemoveMatch', rule).catch(() => {});
    };
  }

  /** Calls systemd's `Subscribe` once per connection (again after a reconnect): it sends unit signals only to subscribers. */
  async subscribeSystemd(): Promise<void> {
    this.#wantSubscribe = true;
    const bus = await this.#connection();
    if (this.#subscribedOn === bus) return;
    await this.call({ destination: 'org.freedesktop.systemd1', path: '/org/freedesktop/systemd1', interface: 'org.freedesktop.systemd1.Manager', member: 'Subscribe' });
    this.#subscribedOn = bus;
  }

  /** `lost` when the connection drops, `reconnected` when a new one is ready (signals may have been missed). */
  onEvent(fn: (e: BusEvent) => void): () => void {
    this.#events.add(fn);
    return () => void this.#events.delete(fn);
  }

  close(): void {
    this.#closed = true;
    clearTimeout(this.#retry);
    const bus = this.#bus;
    this.#bus = undefined;
    if (bus) this.#drop(bus, new Error(`the ${this.kind} bus connection was closed`));
  }

  /** Tests only: cut the connection as a crashed daemon or a network error would. */
  breakForTests(): void {
    if (this.#bus) streamOf(this.#bus)?.destroy?.();
  }

  #unrule(rule: string): boolean {
    const held = this.#rules.get(rule);
    if (held && held.count > 1) {
      this.#rules.set(rule, { ...held, count: held.count - 1 });
      return false;
    }
    this.#rules.delete(rule);
    return true;
  }

  #busCall(member: 'AddMatch' | 'RemoveMatch', rule: string): Promise<unknown[]> {
    return this.call({ destination: 'org.freedesktop.DBus', path: '/org/freedesktop/DBus', interface: 'org.freedesktop.DBus', member, signature: 's', body: [rule] });
  }

  #connection(): Promise<MessageBus> {
    if (this.#closed) return Promise.reject(new Error(`the ${this.kind} bus connection was closed`));
    // A socket can be dead before its 'close' event arrives: take that as the loss it is.
    if (this.#bus && streamOf(this.#bus)?.writable === false) this.#lost(this.#bus, new Error('socket closed'));
    if (this.#bus) return Promise.resolve(this.#bus);
    this.#connecting ??= this.#connect().finally(() => {
      this.#connecting = undefined;
    });
    return this.#connecting;
  }

  async #connect(): Promise<MessageBus> {
    const bus = await withTimeout(openBus(this.kind), CALL_TIMEOUT_MS, `could not connect to the ${this.kind} bus within ${CALL_TIMEOUT_MS / 1000} s`);
    opened++;
    if (this.#closed) {
      bus.disconnect();
      throw new Error(`the ${this.kind} bus connection was closed`);
    }
    bus.on('error', (err: unknown) => this.#lost(bus, err));
    streamOf(bus)?.on('close', () => this.#lost(bus, new Error('socket closed')));
    bus.on('message', (msg: Message) => this.#dispatch(msg));
    this.#bus = bus;
    try {
      for (const rule of this.#rules.keys()) await this.#busCall('AddMatch', rule);
    } catch (err) {
      this.#lost(bus, err);
      throw err;
    }
    // Not fatal: systemd may be restarting; the next subscribeSystemd() (every job and watch) retries.
    if (this.#wantSubscribe) await this.subscribeSystemd().catch(() => {});
    this.#backoff = BACKOFF_FIRST_MS;
    if (this.#everConnected) this.#emit('reconnected');
    this.#everConnected = true;
    return bus;
  }

  #lost(bus: MessageBus, err: unknown): void {
    if (this.#bus !== bus) return;
    this.#bus = undefined;
    this.#subscribedOn = undefined;
    this.#drop(bus, new Error(`lost the connection to the ${this.kind} bus: ${err instanceof Error ? err.message : String(err)}`));
    this.#emit('lost');
    // Reconnect eagerly only for listeners (watches); calls reconnect on demand.
    if (this.#listeners.size > 0) this.#scheduleReconnect();
  }

  #drop(bus: MessageBus, err: Error): void {
    for (const reject of this.#pending.get(bus) ?? []) reject(err);
    this.#pending.delete(bus);
    try {
      bus.disconnect();
    } catch {
      // already closed
    }
  }

  #scheduleReconnect(): void {
    if (this.#closed || this.#retry) return;
    this.#retry = setTimeout(() => {
      this.#retry = undefined;
      if (this.#closed || this.#bus) return;
      this.#connection().catch(() => {
        this.#backoff = Math.min(this.#backoff * 2, BACKOFF_MAX_MS);
        this.#scheduleReconnect();
      });
    }, this.#backoff);
    this.#retry.unref();
  }

  #dispatch(msg: Message): void {
    if (msg.type !== dbusLib().MessageType.SIGNAL) return;
    for (const { match, fn } of this.#listeners) {
      if (match.interface !== msg.interface || match.member !== msg.member) continue;
      if (match.path !== undefined && match.path !== msg.path) continue;
      try {
        fn(msg);
      } catch {
        // A listener's bug must not stop the others.
      }
    }
  }

  #emit(e: BusEvent): void {
    for (const fn of this.#events) fn(e);
  }
}

/** Opens a connection and waits for the bus's `Hello` reply. */
async function openBus(kind: BusKind): Promise<MessageBus> {
  const dbus = await loadDbus();
  return new Promise((resolve, reject) => {
    let bus: MessageBus;
    try {
      const busAddress = kind === 'session' ? sessionAddress(process.env) : undefined;
      bus = kind === 'system' ? dbus.systemBus() : dbus.sessionBus(busAddress ? { busAddress } : {});
    } catch (err) {
      reject(new Error(`cannot connect to the ${kind} bus: ${err instanceof Error ? err.message : String(err)}`));
      return;
    }
    // An 'error' without a listener would crash the process; this one stays for the bus's life.
    const fail = (err: unknown): void => {
      reject(new Error(`cannot connect to the ${kind} bus: ${err instanceof Error ? err.message : String(err)}`));
      try {
        bus.disconnect();
      } catch {
        // never opened
      }
    };
    bus.on('error', fail);
    bus.once('connect', () => {
      bus.off('error', fail);
      bus.on('error', () => {});
      streamOf(bus)?.unref?.();
      resolve(bus);
    });
  });
}

/**
 * `DBUS_SESSION_BUS_ADDRESS` as dbus-next reads it; when unset, `$XDG_RUNTIME_DIR/bus` as sd-bus
 * falls back to (dbus-next would look for an X11 session file instead, which a service lacks).
 */
export const sessionAddress = (env: NodeJS.ProcessEnv): string | undefined =>
  env.DBUS_SESSION_BUS_ADDRESS || (env.XDG_RUNTIME_DIR ? `unix:path=${env.XDG_RUNTIME_DIR}/bus` : undefined);

const streamOf = (bus: MessageBus): Stream | undefined => (bus as unknown as { _connection?: { stream?: Stream } })._connection?.stream;

const quote = (v: string): string => `'${v.replace(/'/g, "'\\''")}'`;

export const matchRule = (m: SignalMatch): string =>
  [`type='signal'`, `sender=${quote(m.sender)}`, `interface=${quote(m.interface)}`, `member=${quote(m.member)}`, ...(m.path ? [`path=${quote(m.path)}`] : [])].join(',');
