import { definePlugin } from '@mgmt/resource';
import pkgJson from '../package.json' with { type: 'json' };
import { pkg } from './pkg.js';

export type { Action, BackendName, PackageStatus } from './backend.js';
export type { PkgDiff } from './diff.js';
export { pkgParams, type PkgParams } from './params.js';
export { GROUP_WINDOW_MS } from './queue.js';
export { pkg } from './pkg.js';

/** `@mgmt/plugin-pkg`: the `pkg` kind. meta comes from package.json so it never drifts. */
export default definePlugin({ meta: { name: pkgJson.name, version: pkgJson.version }, resources: [pkg] });
