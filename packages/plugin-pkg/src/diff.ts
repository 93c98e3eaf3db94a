import type { Action, BackendName, PackageOp } from './backend.js';

/** What check found and apply does: one operation on one package, through one backend. */
export interface PkgDiff {
  readonly backend: BackendName;
  readonly action: Action;
  readonly op: PackageOp;
  /** The installed version before, null if none. */
  readonly from: string | null;
  /** The version apply aims at; null for a removal or "whatever the candidate is". */
  readonly to: string | null;
}

/** The `--noop` line: `install sl`, `install sl 5.02-1`, `change sl 1.0 -> 1.1`, `remove sl 5.02-1`. */
export function describe(d: PkgDiff): string {
  const name = d.op.name;
  if (d.action === 'remove') return `remove ${name}${d.from ? ` ${d.from}` : ''} (${d.backend})`;
  if (d.from === null) return `install ${name}${d.to ? ` ${d.to}` : ''} (${d.backend})`;
  return `change ${name} ${d.from} -> ${d.to ?? 'candidate'} (${d.backend})`;
}
