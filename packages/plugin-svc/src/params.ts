import { z } from '@mgmt/resource';
import { UNIT_NAME, unitName } from './unit-name.js';

// Node timers overflow past 2^31 ms.
const MAX_TIMEOUT = 2_147_483;

/**
 * The params of `svc "NAME" { ... }`. Strict, so `startp => …` is an error. `state` and
 * `startup` left unset leave that side of the unit alone.
 */
export const svcParams = z.strictObject({
  name: z
    .string()
    .regex(UNIT_NAME, 'must be a unit name: letters, digits and :_.\\@- (no slashes, no spaces)')
    .optional()
    .describe('the unit (default: the resource name); `.service` is implied when no unit type is given'),
  state: z
    .enum(['running', 'stopped'])
    .optional()
    .describe('`running` (ActiveState active or reloading) or `stopped` (inactive or failed); unset leaves it alone'),
  startup: z
    .enum(['enabled', 'disabled'])
    .optional()
    .describe('whether the unit starts at boot (EnableUnitFiles / DisableUnitFiles); unset leaves it alone'),
  session: z.boolean().default(false).describe('use the user’s session bus (`systemctl --user`) instead of the system bus'),
  reload: z
    .boolean()
    .default(false)
    .describe('on refresh, reload the unit if it supports reloading (ReloadOrRestartUnit) instead of restarting it'),
  timeout: z
    .number()
    .positive()
    .max(MAX_TIMEOUT, 'at most 2147483 seconds (about 24 days)')
    .default(300)
    .describe('seconds to wait for a systemd job (start, stop, restart) to finish before apply fails'),
});

export type SvcParams = z.output<typeof svcParams>;

/** The unit a resource manages: the `name` param, else the resource name, with `.service` implied. */
export const svcUnit = (p: SvcParams, name: string): string => unitName(p.name ?? name);

/** The identity within the kind: the unit, prefixed `user/` on the session bus (a different systemd). */
export const svcId = (p: SvcParams, name: string): string => `${p.session ? 'user/' : ''}${svcUnit(p, name)}`;
