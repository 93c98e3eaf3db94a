import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { EXIT_INVALID, EXIT_OK } from '../exit-codes.js';
import { pluginFiles } from './plugin-new-files.js';

const KIND = /^[a-z][a-z0-9_]*(:[a-z][a-z0-9_]*)*$/;

/** `hello` → `mgmt-plugin-hello`; `@acme/mgmt-plugin-x` and `mgmt-plugin-x` stay as they are. */
export function pluginNames(name: string): { pkg: string; folder: string; kind: string } | undefined {
  const m = /^(@[a-z0-9-~][a-z0-9-._~]*\/)?(?:mgmt-plugin-)?([a-z0-9][a-z0-9-._]*)$/.exec(name);
  if (!m) return undefined;
  const suffix = m[2]!;
  const folder = `mgmt-plugin-${suffix}`;
  return { pkg: `${m[1] ?? ''}${folder}`, folder, kind: suffix.replace(/[-.]/g, '_') };
}

/** `mgmt plugin new NAME`: scaffolds a plugin package (a tiny kind, a passing test, a README). */
export async function pluginNewCommand(name: string, flags: { dir?: string; kind?: string }): Promise<number> {
  const names = pluginNames(name);
  if (!names) {
    process.stderr.write(`error: ${JSON.stringify(name)} is not a valid npm package name; use e.g. \`hello\`, \`mgmt-plugin-hello\` or \`@scope/mgmt-plugin-hello\`\n`);
    return EXIT_INVALID;
  }
  const kind = flags.kind ?? names.kind;
  if (!KIND.test(kind)) {
    process.stderr.write(`error: ${JSON.stringify(kind)} is not a valid kind name (lowercase, digits, _ and : namespaces); pick one with --kind\n`);
    return EXIT_INVALID;
  }
  const root = resolve(flags.dir ?? '.', names.folder);
  if (existsSync(root)) {
    process.stderr.write(`error: ${root} already exists\n`);
    return EXIT_INVALID;
  }
  for (const [file, text] of Object.entries(pluginFiles(names.pkg, kind))) {
    await mkdir(dirname(join(root, file)), { recursive: true });
    await writeFile(join(root, file), text);
  }
  process.stdout.write(`created ${names.pkg} in ${root} (kind \`${kind}\`)\nnext: cd ${root} && npm install && npm test, then \`mgmt plugin add ${root}\`\n`);
  return EXIT_OK;
}
