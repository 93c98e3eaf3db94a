// From PackageKit's pk-enum.h. Filters and transaction flags are bitfields: bit N set means
// enum value N (pk_bitfield_value). Info and exit values are plain enum values.

export const PK_NAME = 'org.freedesktop.PackageKit';
export const PK_PATH = '/org/freedesktop/PackageKit';
export const PK_IFACE = 'org.freedesktop.PackageKit';
export const PK_TRANSACTION_IFACE = 'org.freedesktop.PackageKit.Transaction';

const bit = (n: number): bigint => 1n << BigInt(n);

/** PK_FILTER_ENUM_ARCH (18): only packages for this machine's architecture. */
export const FILTER_ARCH = bit(18);

/** PK_TRANSACTION_FLAG_ENUM_ONLY_TRUSTED (1). */
export const FLAG_ONLY_TRUSTED = bit(1);
/** PK_TRANSACTION_FLAG_ENUM_ALLOW_DOWNGRADE (6): an exact version may be older than the installed one. */
export const FLAG_ALLOW_DOWNGRADE = bit(6);

/** PK_INFO_ENUM_INSTALLED and PK_INFO_ENUM_AVAILABLE, as sent in the Package signal. */
export const INFO_INSTALLED = 1;
export const INFO_AVAILABLE = 2;

/** PK_EXIT_ENUM_*: the first argument of Finished. */
const EXIT_NAMES = ['unknown', 'success', 'failed', 'cancelled', 'key-required', 'eula-required', 'killed', 'media-change-required', 'need-untrusted', 'cancelled-priority', 'skip-transaction', 'repair-required'];
export const EXIT_SUCCESS = 1;
export const exitName = (code: number): string => EXIT_NAMES[code] ?? `exit ${code}`;

/** A package id is `name;version;arch;data`. */
export function parsePackageId(id: string): { name: string; version: string; arch: string; data: string } {
  const [name = '', version = '', arch = '', data = ''] = id.split(';');
  return { name, version, arch, data };
}
