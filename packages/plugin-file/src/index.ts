import { definePlugin } from '@mgmt/resource';
import pkg from '../package.json' with { type: 'json' };
import { file } from './file.js';

export { file } from './file.js';
export type { FileDiff } from './diff.js';
export { fileParams, type FileParams } from './params.js';
export type { FileState } from './state.js';

/** `@mgmt/plugin-file`: the `file` kind. meta comes from package.json so it never drifts. */
export default definePlugin({ meta: { name: pkg.name, version: pkg.version }, resources: [file] });
