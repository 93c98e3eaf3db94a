import test from 'ava';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseInGroups } from '../src/parse/parse.js';
import { statementCuts } from '../src/parse/split.js';
import { parseTxtar } from './helpers/txtar.js';

const pieces = (text: string) => {
  const cuts = statementCuts(text, 0);
  return cuts.map((c, i) => text.slice(c, cuts[i + 1]));
};

test('cuts fall between statements that start on a new line', (t) => {
  t.deepEqual(pieces('$a = 1\ntest "a" {}\nTest["a"] -> Test["b"]\n'), ['$a = 1\n', 'test "a" {}\n', 'Test["a"] -> Test["b"]\n']);
});

test('cuts fall between classes, includes, functions and imports', (t) => {
  const text = 'import "a.mcl" as a\nclass c { test "c" {} }\ninclude c\nfunc f() { 1 }\ninclude a.d(1)\n';
  t.deepEqual(pieces(text), ['import "a.mcl" as a\n', 'class c { test "c" {} }\n', 'include c\n', 'func f() { 1 }\n', 'include a.d(1)\n']);
});

test('no cut inside brackets, strings, comments or an unfinished expression', (t) => {
  const keep = [
    'test "a" {\n  str => "x",\n}\n',
    '$a = "multi\ntest \\"b\\" {}"\n',
    '$a = "${ {"k" => "v"}\n}"\n',
    '$a = "x" +\n$b\n',
    '$a =\n$b\n',
    'Test["a"] ->\nTest["b"]\n',
    'test\n"a" {}\n',
    '$a = 1 # ends with }\n+ 2\n',
    'import "lib.mcl"\nas l\n',
    'class c($a,\n$b = 1) {}\n',
  ];
  for (const text of keep) t.deepEqual(pieces(text), [text], JSON.stringify(text));
});

test('groups are at least `min` characters', (t) => {
  const text = 'test "a" {}\n'.repeat(100);
  const cuts = statementCuts(text, 100);
  t.true(cuts.length > 5 && cuts.length < 13);
  for (let i = 1; i < cuts.length; i++) t.true(cuts[i]! - cuts[i - 1]! >= 100);
});

// The real check: parsing in groups gives exactly what parsing the whole file gives.
const root = fileURLToPath(new URL('./fixtures', import.meta.url));
const walk = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.txtar') ? [join(dir, e.name)] : []));

test('parsing in groups equals parsing whole, on every fixture', (t) => {
  let n = 0;
  for (const path of walk(root)) {
    for (const f of parseTxtar(readFileSync(path, 'utf8')).files.filter((s) => s.name.endsWith('.mcl'))) {
      const file = { path: f.name, text: f.data };
      t.deepEqual(parseInGroups(file, 0), parseInGroups(file, Infinity), `${path} ${f.name}`);
      n++;
    }
  }
  t.true(n > 40);
});
