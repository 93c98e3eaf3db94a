import { definePlugin } from '@mgmt/resource';
import pkg from '../package.json' with { type: 'json' };
import { svc } from './svc.js';

export { svc } from './svc.js';
export type { SvcDiff } from './diff.js';
export { svcParams, type SvcParams } from './params.js';
export type { SvcState } from './state.js';
export { unitName, unitObjectPath } from './unit-name.js';

/** `@mgmt/plugin-svc`: the `svc` kind. meta comes from package.json so it never drifts. */
export default definePlugin({ meta: { name: pkg.name, version: pkg.version }, resources: [svc] });
