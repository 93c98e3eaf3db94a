import type { StopWatch } from '@mgmt/resource';

export type BackendName = 'apt' | 'packagekit';

/**
 * What one package operation does. apt needs only `install` and `remove` (`apt-get install`
 * upgrades and pins versions too); PackageKit tells InstallPackages from UpdatePackages.
 */
export type Action = 'install' | 'update' | 'remove';

/** The real state of one package, as a backend reads it. */
export interface PackageStatus {
  /** The installed version, or null when the package is not installed. */
  readonly installed: string | null;
  /** PackageKit: the installed package's id (what RemovePackages takes). */
  readonly installedId?: string;
  /** The version the package manager would install (apt's candidate, PackageKit's newest available); null if none. */
  readonly candidate: string | null;
  /** Versions that can be installed (PackageKit: with their package ids). */
  readonly available: readonly AvailableVersion[];
}

export interface AvailableVersion {
  readonly version: string;
  /** PackageKit's `name;version;arch;data`; absent for apt. */
  readonly packageId?: string;
}

/** One package's part of an operation: what check decided and apply hands to the queue. */
export interface PackageOp {
  readonly name: string;
  /** apt: install exactly this version (`name=version`). */
  readonly version?: string;
  /** PackageKit: the package id to pass to the transaction. */
  readonly packageId?: string;
}

/** A package manager as the pkg kind uses it. */
export interface Backend {
  readonly name: BackendName;
  /** Reads one package's state. `withCandidate` false lets a backend skip the repository lookup. */
  status(pkg: string, withCandidate: boolean): Promise<PackageStatus>;
  /** Runs ONE transaction (one `apt-get`, one PackageKit transaction) for all `ops`; throws if it fails. */
  run(action: Action, ops: readonly PackageOp[]): Promise<void>;
  /** Calls `onChange` whenever installed packages may have changed; resolves once live. */
  watch(onChange: (reason: string) => void, onError: (err: Error) => void, opts: { repositories: boolean }): Promise<StopWatch>;
}
