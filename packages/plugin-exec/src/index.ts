import { readFileSync } from 'node:fs';
import { definePlugin, z } from '@mgmt/resource';
import { exec } from './exec.js';

// `../package.json` is the same file from src/ (tests, tsx) and from dist/ (published).
const manifest: unknown = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const { name, version } = z.object({ name: z.string(), version: z.string() }).parse(manifest);

export default definePlugin({ meta: { name, version }, resources: [exec] });

export { exec } from './exec.js';
export { execParams, mainCommand, shellCommand, type Command, type ExecParams } from './params.js';
export type { ExecDiff, ExecState } from './state.js';
export { execSends, SEND_LIMIT, type ExecSends } from './sends.js';
