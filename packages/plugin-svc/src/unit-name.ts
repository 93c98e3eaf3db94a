/** The unit types systemd knows; a name without one of these suffixes is a `.service`. */
const UNIT_SUFFIXES = ['service', 'socket', 'device', 'mount', 'automount', 'swap', 'target', 'path', 'timer', 'slice', 'scope'];

/** What systemd accepts in a unit name (`unit_name_is_valid`), `@` for template instances included. */
export const UNIT_NAME = /^[A-Za-z0-9:_.\\@-]+$/;

/**
 * The full unit name: `nginx` → `nginx.service`; `docker.socket` and `foo@1.service` stay.
 * Throws on a name systemd would refuse, so a typo fails at check, not deep in a D-Bus reply.
 */
export function unitName(raw: string): string {
  if (!UNIT_NAME.test(raw) || raw.length > 255) {
    throw new Error(`invalid unit name ${JSON.stringify(raw)}: use letters, digits and :_.\\@- (no slashes, no spaces)`);
  }
  const dot = raw.lastIndexOf('.');
  return dot > 0 && UNIT_SUFFIXES.includes(raw.slice(dot + 1)) ? raw : `${raw}.service`;
}

/** The unit name without its type suffix: the guess for the package that ships it. */
export const unitBase = (unit: string): string => unit.slice(0, unit.lastIndexOf('.'));

/**
 * The object path of a unit, as systemd builds it (`sd_bus_path_encode`): letters stay, digits
 * stay unless first, everything else becomes `_xx` (hex). `nginx.service` →
 * `/org/freedesktop/systemd1/unit/nginx_2eservice`. Known without a call, so a watch can
 * listen to a unit that is not loaded yet.
 */
export function unitObjectPath(unit: string): string {
  let label = '';
  for (const [i, ch] of [...unit].entries()) {
    const keep = /[A-Za-z]/.test(ch) || (i > 0 && /[0-9]/.test(ch));
    label += keep ? ch : `_${ch.charCodeAt(0).toString(16).padStart(2, '0')}`;
  }
  return `/org/freedesktop/systemd1/unit/${label === '' ? '_' : label}`;
}
