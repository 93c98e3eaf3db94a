import { z } from '@mgmt/resource';

/** What `state` may say besides an exact version. */
export const STATE_WORDS = ['installed', 'uninstalled', 'newest'] as const;

/** Debian and RPM versions start with a digit (an epoch is digits too); no spaces. */
const VERSION = /^[0-9][A-Za-z0-9.+~:_-]*$/;

/** Debian package names, optionally with an architecture (`libc6:i386`). */
export const PACKAGE_NAME = /^[a-z0-9][a-z0-9+._-]*(:[a-z0-9_-]+)?$/;

export const pkgParams = z.strictObject({
  name: z
    .string()
    .regex(PACKAGE_NAME, 'must be a package name like "nginx" or "libc6:i386"')
    .optional()
    .describe('The package to manage. Defaults to the resource name.'),
  state: z
    .string()
    .refine((s) => (STATE_WORDS as readonly string[]).includes(s) || VERSION.test(s), 'must be "installed", "uninstalled", "newest" or an exact version like "2.10-3"')
    .default('installed')
    .describe('"installed" (any version), "uninstalled", "newest" (the candidate the package manager offers) or an exact version ("2.10-3").'),
  backend: z
    .enum(['auto', 'packagekit', 'apt'])
    .default('auto')
    .describe('"packagekit" (over D-Bus), "apt" (dpkg-query and apt-get), or "auto": PackageKit when org.freedesktop.PackageKit is owned or activatable on the system bus, else apt.'),
});

export type PkgParams = z.output<typeof pkgParams>;

/** The package a resource manages: `name`, else the resource name. */
export const packageName = (params: PkgParams, resourceName: string): string => params.name ?? resourceName;

/** True when `state` names an exact version rather than one of the words. */
export const isExactVersion = (state: string): boolean => !(STATE_WORDS as readonly string[]).includes(state);
