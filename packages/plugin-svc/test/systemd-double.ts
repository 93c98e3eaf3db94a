import dbus, { type MessageBus } from '@particle/dbus-next';

const { Interface, method, property, signal, ACCESS_READ } = dbus.interface;

const MANAGER_PATH = '/org/freedesktop/systemd1';

/** A unit as the test defines it. */
export interface UnitSpec {
  readonly name: string;
  readonly active?: 'active' | 'inactive' | 'failed';
  /** `enabled`, `disabled`, `static`, … Default `disabled`. */
  readonly unitFileState?: string;
  /** The unit file has an [Install] section (EnableUnitFiles can enable it). Default true. */
  readonly hasInstall?: boolean;
  readonly canReload?: boolean;
  /** The result its jobs end with. Default `done`. */
  readonly jobResult?: string;
  /** How long its jobs take. 0 sends JobRemoved before the method's reply (the race a client must survive). Default 20. */
  readonly jobDelayMs?: number;
}

/** The same escaping as systemd's `sd_bus_path_encode` (and the plugin's), written independently. */
export const unitPath = (name: string): string =>
  `${MANAGER_PATH}/unit/${name.replace(/[^A-Za-z0-9]|^[0-9]/g, (c) => `_${c.charCodeAt(0).toString(16).padStart(2, '0')}`)}`;

class FakeUnit extends Interface {
  @property({ signature: 's', access: ACCESS_READ })
  Id = '';
  @property({ signature: 's', access: ACCESS_READ })
  LoadState = 'loaded';
  @property({ signature: 's', access: ACCESS_READ })
  ActiveState = 'inactive';
  @property({ signature: 's', access: ACCESS_READ })
  SubState = 'dead';
  @property({ signature: 's', access: ACCESS_READ })
  UnitFileState = 'disabled';
  @property({ signature: 'b', access: ACCESS_READ })
  CanReload = false;
  @property({ signature: 'b', access: ACCESS_READ })
  NeedDaemonReload = false;

  hasInstall = true;
  jobResult = 'done';
  jobDelayMs = 20;
  restarts = 0;
  reloads = 0;

  constructor() {
    super('org.freedesktop.systemd1.Unit');
  }
}

type Active = 'active' | 'inactive' | 'failed';
const SUB: Record<Active, string> = { active: 'running', inactive: 'dead', failed: 'failed' };

class FakeManager extends Interface {
  constructor(private readonly double: SystemdDouble) {
    super('org.freedesktop.systemd1.Manager');
  }

  @method({ inSignature: 's', outSignature: 'o' })
  GetUnit(name: string): string {
    this.double.log(`GetUnit ${name}`);
    if (!this.double.units.has(name)) throw noSuchUnit(name);
    return unitPath(name);
  }

  @method({ inSignature: 's', outSignature: 'o' })
  LoadUnit(name: string): string {
    this.double.log(`LoadUnit ${name}`);
    if (!this.double.units.has(name)) this.double.load(name);
    return unitPath(name);
  }

  @method({ inSignature: 'ss', outSignature: 'o' })
  StartUnit(name: string, mode: string): string {
    return this.double.job('StartUnit', name, mode);
  }

  @method({ inSignature: 'ss', outSignature: 'o' })
  StopUnit(name: string, mode: string): string {
    return this.double.job('StopUnit', name, mode);
  }

  @method({ inSignature: 'ss', outSignature: 'o' })
  RestartUnit(name: string, mode: string): string {
    return this.double.job('RestartUnit', name, mode);
  }

  @method({ inSignature: 'ss', outSignature: 'o' })
  TryRestartUnit(name: string, mode: string): string {
    return this.double.job('TryRestartUnit', name, mode);
  }

  @method({ inSignature: 'ss', outSignature: 'o' })
  ReloadOrRestartUnit(name: string, mode: string): string {
    return this.double.job('ReloadOrRestartUnit', name, mode);
  }

  @method({ inSignature: 'ss', outSignature: 'o' })
  ReloadOrTryRestartUnit(name: string, mode: string): string {
    return this.double.job('ReloadOrTryRestartUnit', name, mode);
  }

  @method({ inSignature: 'asbb', outSignature: 'ba(sss)' })
  EnableUnitFiles(files: string[], runtime: boolean, force: boolean): [boolean, [string, string, string][]] {
    this.double.log(`EnableUnitFiles ${files.join(',')} runtime=${runtime} force=${force}`);
    const changes: [string, string, string][] = [];
    let carries = true;
    for (const name of files) {
      const u = this.double.existing(name);
      if (!u.hasInstall) {
        carries = false;
        continue;
      }
      if (u.UnitFileState !== 'enabled') {
        u.UnitFileState = 'enabled';
        changes.push(['symlink', `/etc/systemd/system/multi-user.target.wants/${name}`, `/lib/systemd/system/${name}`]);
      }
    }
    if (changes.length > 0) this.double.emit(() => this.UnitFilesChanged());
    return [carries, changes];
  }

  @method({ inSignature: 'asb', outSignature: 'a(sss)' })
  DisableUnitFiles(files: string[], runtime: boolean): [string, string, string][] {
    this.double.log(`DisableUnitFiles ${files.join(',')} runtime=${runtime}`);
    const changes: [string, string, string][] = [];
    for (const name of files) {
      const u = this.double.existing(name);
      if (u.UnitFileState === 'enabled' || u.UnitFileState === 'enabled-runtime') {
        u.UnitFileState = 'disabled';
        changes.push(['unlink', `/etc/systemd/system/multi-user.target.wants/${name}`, '']);
      }
    }
    if (changes.length > 0) this.double.emit(() => this.UnitFilesChanged());
    return changes;
  }

  @method({})
  Reload(): void {
    this.double.log('Reload');
    for (const u of this.double.units.values()) u.NeedDaemonReload = false;
  }

  @method({})
  Subscribe(): void {
    this.double.log('Subscribe');
    this.double.subscribed++;
  }

  @method({})
  Unsubscribe(): void {
    this.double.log('Unsubscribe');
  }

  @signal({ signature: 'uoss' })
  JobRemoved(id: number, job: string, unit: string, result: string): [number, string, string, string] {
    return [id, job, unit, result];
  }

  @signal({ signature: 'so' })
  UnitNew(id: string, path: string): [string, string] {
    return [id, path];
  }

  @signal({ signature: 'so' })
  UnitRemoved(id: string, path: string): [string, string] {
    return [id, path];
  }

  @signal({ signature: '' })
  UnitFilesChanged(): void {}
}

const noSuchUnit = (name: string) => new dbus.DBusError('org.freedesktop.systemd1.NoSuchUnit', `Unit ${name} not found.`);

/**
 * A stand-in for systemd on a private bus: `org.freedesktop.systemd1` with the Manager methods
 * the svc kind uses and one object per unit. Like systemd, it returns a job path at once and
 * finishes the job later (`JobRemoved`), and it sends signals only once someone called Subscribe.
 */
export class SystemdDouble {
  readonly units = new Map<string, FakeUnit>();
  /** Every Manager call, in order (`StartUnit nginx.service replace`). */
  readonly calls: string[] = [];
  subscribed = 0;
  #jobs = 0;
  readonly #manager: FakeManager;

  private constructor(readonly bus: MessageBus) {
    this.#manager = new FakeManager(this);
    bus.export(MANAGER_PATH, this.#manager);
  }

  /** Connects to the bus at `address` and takes the name `org.freedesktop.systemd1`. */
  static async start(address: string): Promise<SystemdDouble> {
    const bus = dbus.sessionBus({ busAddress: address });
    bus.on('error', () => {});
    const double = new SystemdDouble(bus);
    await bus.requestName('org.freedesktop.systemd1', 0);
    return double;
  }

  stop(): void {
    this.bus.disconnect();
  }

  log(line: string): void {
    this.calls.push(line);
  }

  /** Defines (or redefines) a unit, as if its unit file were installed. */
  addUnit(spec: UnitSpec): void {
    const u = this.units.get(spec.name) ?? this.load(spec.name);
    const active = spec.active ?? 'inactive';
    Object.assign(u, {
      LoadState: 'loaded',
      ActiveState: active,
      SubState: SUB[active],
      UnitFileState: spec.unitFileState ?? 'disabled',
      CanReload: spec.canReload ?? false,
      hasInstall: spec.hasInstall ?? true,
      jobResult: spec.jobResult ?? 'done',
      jobDelayMs: spec.jobDelayMs ?? 20,
    });
  }

  unit(name: string): FakeUnit {
    const u = this.units.get(name);
    if (!u) throw new Error(`the double has no unit ${name}`);
    return u;
  }

  /** What `systemctl stop` run by someone else does: the unit stops and PropertiesChanged goes out. */
  stopBehindBack(name: string): void {
    this.setActive(this.unit(name), 'inactive');
  }

  /** What `systemctl start` run by someone else does. */
  startBehindBack(name: string): void {
    this.setActive(this.unit(name), 'active');
  }

  /** LoadUnit of an unknown name: systemd makes a `not-found` stub object, and so does the double. */
  load(name: string): FakeUnit {
    const u = new FakeUnit();
    u.Id = name;
    u.LoadState = 'not-found';
    u.UnitFileState = '';
    this.units.set(name, u);
    this.bus.export(unitPath(name), u);
    this.emit(() => this.#manager.UnitNew(name, unitPath(name)));
    return u;
  }

  /** A loaded unit with a unit file, or the error systemd gives. */
  existing(name: string): FakeUnit {
    const u = this.units.get(name);
    if (!u || u.LoadState === 'not-found') throw noSuchUnit(name);
    return u;
  }

  job(method: string, name: string, mode: string): string {
    this.log(`${method} ${name} ${mode}`);
    const u = this.existing(name);
    const id = ++this.#jobs;
    const path = `${MANAGER_PATH}/job/${id}`;
    const finish = (): void => {
      const result = u.jobResult;
      if (result === 'done') this.#perform(method, u);
      else if (method !== 'StopUnit') this.setActive(u, 'failed');
      this.emit(() => this.#manager.JobRemoved(id, path, name, result));
    };
    if (u.jobDelayMs === 0) finish();
    else setTimeout(finish, u.jobDelayMs).unref();
    return path;
  }

  #perform(method: string, u: FakeUnit): void {
    const running = u.ActiveState === 'active';
    switch (method) {
      case 'StartUnit':
        if (!running) this.setActive(u, 'active');
        return;
      case 'StopUnit':
        if (u.ActiveState !== 'inactive') this.setActive(u, 'inactive');
        return;
      case 'ReloadOrRestartUnit':
      case 'ReloadOrTryRestartUnit':
        if (u.CanReload && running) {
          u.reloads++;
          return;
        }
        if (method === 'ReloadOrTryRestartUnit' && !running) return;
        break;
      case 'TryRestartUnit':
        if (!running) return;
        break;
    }
    u.restarts++;
    if (running) this.setActive(u, 'inactive');
    this.setActive(u, 'active');
  }

  setActive(u: FakeUnit, active: Active): void {
    u.ActiveState = active;
    u.SubState = SUB[active];
    this.emit(() => Interface.emitPropertiesChanged(u, { ActiveState: active, SubState: SUB[active] }, []));
  }

  /** Sends a signal only when a client subscribed, as systemd does. */
  emit(send: () => void): void {
    if (this.subscribed > 0) send();
  }
}
