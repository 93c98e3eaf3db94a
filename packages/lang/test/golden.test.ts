import test from 'ava';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile, printGraphText, renderDiagnostic, type CollectedResource } from '../src/index.js';
import { registry } from './helpers/registry.js';
import { formatTxtar, parseTxtar } from './helpers/txtar.js';

// Each fixture is a txtar: `.mcl` sections make the program, `-- graph --` or `-- errors --`
// is the expected output. Cases under `_error_/` must fail; the others must not.
// A `-- collected.json --` section is the world's snapshot (`CompileOptions.collected`); a
// section named by an absolute path (`-- /etc/motd --`) is a file `file.read` can read; the
// clock says 1700000000 s. An `-- os-release --` section is the host's os-release file for
// `os.distro()`/`os.family()` (none without it: the disk is never read). After the graph
// come the exports, the collected kinds and the reactive inputs, when there are any.
// `UPDATE_GOLDEN=1` rewrites the expected output from what the compiler does now.
const root = fileURLToPath(new URL('./fixtures', import.meta.url));
const update = process.env['UPDATE_GOLDEN'] === '1';

const walk = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.txtar') ? [join(dir, e.name)] : [],
  );

for (const path of walk(root).sort()) {
  const name = relative(root, path);
  test(name, (t) => {
    const archive = parseTxtar(readFileSync(path, 'utf8'));
    const files = archive.files.filter((f) => f.name.endsWith('.mcl')).map((f) => ({ path: f.name, text: f.data }));
    t.true(files.length > 0, 'a fixture needs at least one .mcl section');
    const collected = archive.files.find((f) => f.name === 'collected.json');
    const osRelease = archive.files.find((f) => f.name === 'os-release')?.data ?? '';
    const readable = new Map(archive.files.filter((f) => f.name.startsWith('/')).map((f) => [f.name, f.data]));
    const readFile = (p: string): string => {
      const text = readable.get(p);
      if (text === undefined) throw Object.assign(new Error(`ENOENT: ${p}`), { code: 'ENOENT' });
      return text;
    };
    const result = compile(files, {
      registry,
      hostname: 'test-host',
      env: { MCL_TEST: 'from-env' },
      readFile,
      now: () => 1_700_000_000_000,
      osRelease,
      ...(collected ? { collected: JSON.parse(collected.data) as CollectedResource[] } : {}),
    });
    const section = result.graph ? 'graph' : 'errors';
    const world = [
      ...result.exports.map((e) => `export ${e.kind}[${e.name}]${e.to ? ` to ${JSON.stringify(e.to)}` : ''} = ${JSON.stringify(e.params)}`),
      ...result.collects.map((k) => `collects ${k}`),
      ...result.inputs.files.map((f) => `input file ${f}`),
      ...(result.inputs.clock ? ['input clock'] : []),
    ];
    const actual = result.graph
      ? `${[printGraphText(result.graph), ...world].filter((l) => l !== '').join('\n')}\n`
      : `${result.diagnostics.map((d) => renderDiagnostic(d, result.sources)).join('\n\n')}\n`;
    if (update) {
      archive.files = [...archive.files.filter((f) => f.name !== 'graph' && f.name !== 'errors'), { name: section, data: actual }];
      writeFileSync(path, formatTxtar(archive));
    }
    const expectError = name.split(/[\\/]/).includes('_error_');
    t.is(result.graph === undefined, expectError, expectError ? 'expected errors' : `unexpected errors:\n${actual}`);
    if (!expectError) t.deepEqual(result.diagnostics, [], 'a program without errors has no warnings either');
    const expected = archive.files.find((f) => f.name === section);
    t.truthy(expected, `the fixture has no -- ${section} -- section; run with UPDATE_GOLDEN=1`);
    t.is(actual, expected?.data ?? '');
  });
}
