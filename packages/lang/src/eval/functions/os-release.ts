/**
 * The fields of an os-release file (freedesktop.org's format: `KEY=value` lines, values
 * maybe quoted with shell escapes, `#` comments). Lines that are not assignments are skipped,
 * as the spec asks of readers.
 */
export function parseOsRelease(text: string): ReadonlyMap<string, string> {
  const fields = new Map<string, string>();
  for (const line of text.split('\n')) {
    // trimEnd: also a `\r` of CRLF lines, which `.` does not match.
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line.trimEnd());
    if (m) fields.set(m[1]!, unquote(m[2]!));
  }
  return fields;
}

function unquote(value: string): string {
  const q = value[0];
  if (value.length < 2 || (q !== '"' && q !== "'") || value[value.length - 1] !== q) return value;
  const inner = value.slice(1, -1);
  // In double quotes, a backslash escapes `\ $ " \``, as in the shell; single quotes keep all.
  return q === '"' ? inner.replace(/\\([\\$"`])/g, '$1') : inner;
}

/**
 * Each family by the distribution IDs that name it, in ID or ID_LIKE. The names of the Go
 * mgmt's `os.family()` (`redhat`, `debian`, `archlinux`), and more families than its three.
 */
const FAMILIES: Readonly<Record<string, readonly string[]>> = {
  debian: ['debian', 'ubuntu', 'raspbian'],
  redhat: ['rhel', 'fedora', 'centos', 'rocky', 'almalinux', 'ol', 'amzn'],
  suse: ['suse', 'opensuse', 'opensuse-leap', 'opensuse-tumbleweed', 'sles', 'sled'],
  archlinux: ['arch', 'archarm', 'manjaro', 'endeavouros'],
  alpine: ['alpine'],
  gentoo: ['gentoo'],
};

const FAMILY_OF = new Map(Object.entries(FAMILIES).flatMap(([family, ids]) => ids.map((id): [string, string] => [id, family])));

/** The distribution (`ID`) and its family, from ID then ID_LIKE in order; the ID itself when no family is known. */
export function distroOf(text: string): { readonly distro: string; readonly family: string } {
  const fields = parseOsRelease(text);
  const distro = fields.get('ID') ?? '';
  const like = (fields.get('ID_LIKE') ?? '').split(/\s+/).filter((id) => id !== '');
  const family = [distro, ...like].map((id) => FAMILY_OF.get(id)).find((f) => f !== undefined);
  return { distro, family: family ?? distro };
}
