/** The files of a new plugin package, by path: what `mgmt plugin new` writes. */
// JS reserved words and the scaffold's own names, which a kind's variable must not shadow.
const TAKEN = new Set(
  'await break case catch class const continue debugger default delete do else enum export extends false finally for function if implements import in instanceof interface let manifest new null package params plugin private protected public read return static super switch this throw true try typeof var void while with yield'.split(' '),
);

export function pluginFiles(pkg: string, kind: string): Record<string, string> {
  const camel = kind.replace(/[:_](.)/g, (_, c: string) => c.toUpperCase());
  const id = TAKEN.has(camel) ? `${camel}Kind` : camel;
  const manifest = {
    name: pkg,
    version: '0.1.0',
    description: `The \`${kind}\` resource kind for mgmt.`,
    type: 'module',
    keywords: ['mgmt-plugin'],
    exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' } },
    files: ['dist', '!dist/*.test.*'],
    engines: { node: '>=20.19' },
    scripts: { build: 'tsc -p .', test: 'tsc -p . && node --test dist/index.test.js', prepack: 'tsc -p .' },
    peerDependencies: { '@mgmt/resource': '^0.1.0' },
    devDependencies: { '@mgmt/resource': '^0.1.0', '@types/node': '^20.19.0', typescript: '~6.0.3' },
  };
  const tsconfig = {
    compilerOptions: {
      target: 'ES2023',
      lib: ['ES2023'],
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      types: ['node'],
      strict: true,
      declaration: true,
      rootDir: 'src',
      outDir: 'dist',
      skipLibCheck: true,
    },
    include: ['src'],
  };
  const index = `import { readFileSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { converged, definePlugin, defineResource, drifted, z } from '@mgmt/resource';

// \`../package.json\` is the same file from src/ (tests) and from dist/ (published).
const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { name: string; version: string };

export const params = z.object({
  path: z.string().describe('the file that holds the greeting'),
  greeting: z.string().default('hello').describe('what the file says'),
});

const read = (path: string): Promise<string | undefined> => readFile(path, 'utf8').catch(() => undefined);

/** \`${kind} "name" { path => "/tmp/x", greeting => "hi", }\`: a file that says hello. */
export const ${id} = defineResource({
  kind: '${kind}',
  meta: { description: 'a file that holds a greeting' },
  params,
  id: (p) => p.path,
  async check(ctx) {
    const want = \`\${ctx.params.greeting}\\n\`;
    return (await read(ctx.params.path)) === want ? converged : drifted(want, ['greeting']);
  },
  async apply(ctx, want) {
    const tmp = \`\${ctx.params.path}.\${process.pid}.tmp\`; // atomic: temp file + rename
    await writeFile(tmp, want);
    await rename(tmp, ctx.params.path);
  },
  poll: 30,
});

export default definePlugin({ meta: { name: manifest.name, version: manifest.version }, resources: [${id}] });
`;
  const test = `import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { silentLogger } from '@mgmt/resource';
import plugin, { ${id}, params } from './index.js';

test('the plugin names its package and declares \`${kind}\`', () => {
  assert.equal(plugin.meta.name, '${pkg}');
  assert.deepEqual(plugin.resources.map((r) => r.kind), ['${kind}']);
});

test('check finds drift, apply repairs it, check is then clean', async () => {
  const path = join(await mkdtemp(join(tmpdir(), '${kind.replace(/:/g, '-')}-')), 'greeting');
  const ctx = {
    kind: '${kind}', name: 'test', params: params.parse({ path, greeting: 'hi' }), log: silentLogger,
    signal: new AbortController().signal, hostname: 'test', noop: false, graph: { resources: () => [] }, state: undefined,
  };
  const first = await ${id}.check(ctx);
  assert.equal(first.ok, false);
  if (!first.ok) await ${id}.apply(ctx, first.diff);
  assert.equal(await readFile(path, 'utf8'), 'hi\\n');
  assert.deepEqual(await ${id}.check(ctx), { ok: true });
});
`;
  const readme = `# ${pkg}

The \`${kind}\` resource kind for [mgmt](https://github.com/purpleidea/mgmt).

\`\`\`sh
mgmt plugin add ${pkg}
\`\`\`

\`\`\`mcl
${kind} "motd" { path => "/tmp/motd", greeting => "hello from mgmt", }
\`\`\`

| param | type | default | |
|---|---|---|---|
| \`path\` | str | (required) | the file that holds the greeting |
| \`greeting\` | str | \`"hello"\` | what the file says |

Develop: \`npm install && npm test\` (builds with tsc, then runs \`node --test\`).
`;
  return {
    'package.json': JSON.stringify(manifest, null, 2) + '\n',
    'tsconfig.json': JSON.stringify(tsconfig, null, 2) + '\n',
    'src/index.ts': index,
    'src/index.test.ts': test,
    'README.md': readme,
    '.gitignore': 'node_modules\ndist\n',
  };
}
