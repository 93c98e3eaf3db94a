// The package's entry point: one plugin with one kind. Plain ESM JavaScript, no build step;
// JSDoc types let editors (and `tsc --checkJs`) check it against @mgmt/resource's .d.ts.
import { readFileSync } from 'node:fs';
import { definePlugin } from '@mgmt/resource';
import { line } from './src/line.js';

/** name and version come from package.json, so `mgmt plugin list` shows what npm installed. */
const manifest = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

export { line };

export default definePlugin({ meta: { name: manifest.name, version: manifest.version }, resources: [line] });
