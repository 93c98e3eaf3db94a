import dbus, { type MessageBus } from '@particle/dbus-next';

const { Interface, method, signal } = dbus.interface;

const PATH = '/org/freedesktop/PackageKit';
const INFO_INSTALLED = 1;
const INFO_AVAILABLE = 2;
const EXIT_SUCCESS = 1;
const EXIT_FAILED = 2;
/** PK_ERROR_ENUM_PACKAGE_NOT_FOUND. */
const ERROR_NOT_FOUND = 8;

/** One package of the double's fake database. */
export interface FakePackage {
  installed: string | null;
  /** Versions the repositories offer, oldest first. */
  available: string[];
}

/** A method call a transaction received, as the test wants to see it. */
export interface Call {
  readonly method: string;
  readonly ids: readonly string[];
}

const id = (name: string, version: string, data: string): string => `${name};${version};amd64;${data}`;

class Transaction extends Interface {
  constructor(
    readonly path: string,
    readonly double: PackageKitDouble,
  ) {
    super('org.freedesktop.PackageKit.Transaction');
  }

  @method({ inSignature: 'tas' })
  Resolve(_filter: bigint, names: string[]): void {
    this.double.calls.push({ method: 'Resolve', ids: names });
    this.later(() => {
      for (const name of names) {
        const p = this.double.packages.get(name);
        if (!p) continue;
        if (p.installed) this.Package(INFO_INSTALLED, id(name, p.installed, 'installed'), `${name} (fake)`);
        for (const v of p.available) if (v !== p.installed) this.Package(INFO_AVAILABLE, id(name, v, 'fake-repo'), `${name} (fake)`);
      }
      return true;
    });
  }

  @method({ inSignature: 'tas' })
  InstallPackages(_flags: bigint, ids: string[]): void {
    this.change('InstallPackages', ids, (p, v) => (p.installed = v));
  }

  @method({ inSignature: 'tas' })
  UpdatePackages(_flags: bigint, ids: string[]): void {
    this.change('UpdatePackages', ids, (p, v) => (p.installed = v));
  }

  @method({ inSignature: 'tasbb' })
  RemovePackages(_flags: bigint, ids: string[], _allowDeps: boolean, _autoremove: boolean): void {
    this.change('RemovePackages', ids, (p) => (p.installed = null));
  }

  @signal({ signature: 'uss' })
  Package(info: number, packageId: string, summary: string): unknown[] {
    return [info, packageId, summary];
  }

  @signal({ signature: 'uu' })
  Finished(exit: number, runtime: number): unknown[] {
    return [exit, runtime];
  }

  @signal({ signature: 'us' })
  ErrorCode(code: number, details: string): unknown[] {
    return [code, details];
  }

  /** All or nothing, like a real transaction: an unknown or failing package fails it all. */
  private change(methodName: string, ids: string[], fn: (p: FakePackage, version: string) => void): void {
    this.double.calls.push({ method: methodName, ids });
    this.later(() => {
      const parsed = ids.map((pid) => {
        const [name = '', version = ''] = pid.split(';');
        return { name, version, p: this.double.packages.get(name) };
      });
      const bad = parsed.find((x) => !x.p || this.double.failing.has(x.name));
      if (bad) {
        this.ErrorCode(ERROR_NOT_FOUND, `package ${bad.name} cannot be handled (fake failure)`);
        return false;
      }
      for (const x of parsed) {
        fn(x.p!, x.version);
        this.Package(INFO_INSTALLED, id(x.name, x.version, 'installed'), '');
      }
      return true;
    });
  }

  /** Signals go out after the method returned, as PackageKit's do. */
  private later(work: () => boolean): void {
    setTimeout(() => {
      const ok = work();
      this.Finished(ok ? EXIT_SUCCESS : EXIT_FAILED, 5);
      this.double.finished(this);
    }, 5);
  }
}

class Daemon extends Interface {
  constructor(readonly double: PackageKitDouble) {
    super('org.freedesktop.PackageKit');
  }

  @method({ outSignature: 'o' })
  CreateTransaction(): string {
    return this.double.create();
  }

  @signal({ signature: '' })
  UpdatesChanged(): void {}

  @signal({ signature: '' })
  RepoListChanged(): void {}

  @signal({ signature: 'as' })
  TransactionListChanged(transactions: string[]): string[] {
    return transactions;
  }
}

/**
 * Serves `org.freedesktop.PackageKit` on a bus with a fake package database: enough of the
 * daemon and transaction interfaces for the pkg kind, counting every transaction.
 */
export class PackageKitDouble {
  readonly packages = new Map<string, FakePackage>();
  readonly calls: Call[] = [];
  /** Names whose Install/Update/Remove fails with ErrorCode. */
  readonly failing = new Set<string>();
  transactionsCreated = 0;
  private readonly running = new Set<string>();
  private readonly daemon = new Daemon(this);
  private constructor(private readonly bus: MessageBus) {}

  static async serve(bus: MessageBus): Promise<PackageKitDouble> {
    const double = new PackageKitDouble(bus);
    bus.export(PATH, double.daemon);
    await bus.requestName('org.freedesktop.PackageKit', 0);
    return double;
  }

  create(): string {
    const path = `${PATH}/fake_${++this.transactionsCreated}`;
    this.bus.export(path, new Transaction(path, this));
    this.running.add(path);
    this.daemon.TransactionListChanged([...this.running]);
    return path;
  }

  finished(tx: Transaction): void {
    this.running.delete(tx.path);
    this.daemon.TransactionListChanged([...this.running]);
    setTimeout(() => this.bus.unexport(tx.path, tx), 1000).unref();
  }

  /** Another tool (pkcon, a desktop updater) runs a transaction that changes `name`. */
  foreignChange(name: string, installed: string | null): void {
    const p = this.packages.get(name);
    if (p) p.installed = installed;
    const path = `${PATH}/foreign_${Date.now()}`;
    this.running.add(path);
    this.daemon.TransactionListChanged([...this.running]);
    setTimeout(() => {
      this.running.delete(path);
      this.daemon.TransactionListChanged([...this.running]);
    }, 5);
  }

  updatesChanged(): void {
    this.daemon.UpdatesChanged();
  }

  /** Method calls other than Resolve: the transactions that change something. */
  changes(): Call[] {
    return this.calls.filter((c) => c.method !== 'Resolve');
  }
}
