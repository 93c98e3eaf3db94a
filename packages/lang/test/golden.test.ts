import test from 'ava';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile, printGraphText, renderDiagnostic } from '../src/index.js';
import { registry } from './helpers/registry.js';
import { formatTxtar, parseTxtar } from './helpers/txtar.js';

// Each fixture is a txtar: `.mcl` sections make the program, `-- graph --` or `-- errors --`
// is the expected output. Cases under `_error_/` must fail; the others must not.
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
    const result = compile(files, { registry, hostname: 'test-host', env: { MCL_TEST: 'from-env' } });
    const section = result.graph ? 'graph' : 'errors';
    const actual = result.graph
      ? `${printGraphText(result.graph)}\n`
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
