import test from 'ava';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile, parse, printGraphText, renderDiagnostic, type CompileResult, type SourceFile } from '../src/index.js';
import { CACHE_FORMAT, type ParseCache } from '../src/parse/parse-cache.js';
import { openParseCache as open, parseCached } from '../src/parse/parse-cached.js';
import { registry } from './helpers/registry.js';
import { parseTxtar } from './helpers/txtar.js';

const made: string[] = [];
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'mgmt-parse-cache-'));
  made.push(dir);
  return dir;
};
test.after.always(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});
const entries = (cacheDir: string): string[] => {
  try {
    return readdirSync(join(cacheDir, 'ast')).sort();
  } catch {
    return [];
  }
};
const entryPath = (cacheDir: string, name: string): string => join(cacheDir, 'ast', name);
const rendered = (r: CompileResult): string => r.diagnostics.map((d) => renderDiagnostic(d, r.sources)).join('\n\n');
const graphText = (r: CompileResult): string | undefined => r.graph && printGraphText(r.graph);
const openParseCache = (dir: string, maxEntries?: number): ParseCache => {
  const cache = open(dir, maxEntries);
  if (!cache) throw new Error('no parser identity');
  return cache;
};
const run = (files: SourceFile[], cacheDir?: string): CompileResult => compile(files, { registry, ...(cacheDir ? { cacheDir } : {}) });

const GOOD = '$base = "/tmp/pc"\nfile "${base}/a" {\n  content => "i am a\\n",\n  mode => "0644",\n}\nfile "${base}/b" { Depend => File["${base}/a"], }\n';

test('a second compile of the same text reads the cache, and gives the same graph', (t) => {
  const dir = tempDir();
  const files = [{ path: 'main.mcl', text: GOOD }];
  const plain = run(files);
  const cold = run(files, dir);
  t.is(entries(dir).length, 1);
  const [name] = entries(dir);
  const before = readFileSync(entryPath(dir, name!), 'utf8');
  const warm = run(files, dir);
  t.deepEqual(entries(dir), [name], 'no new entry');
  t.is(readFileSync(entryPath(dir, name!), 'utf8'), before, 'the entry was not rewritten');
  t.truthy(plain.graph);
  t.is(graphText(cold), graphText(plain));
  t.is(graphText(warm), graphText(plain));
  t.deepEqual(warm.graph, plain.graph, 'origins (file, spans, source) too');
  t.deepEqual(warm.diagnostics, []);

  // Proof that the second compile did not parse: an edited (still valid) entry is believed.
  writeFileSync(entryPath(dir, name!), before.replace('i am a\\n', 'from the cache'));
  t.regex(graphText(run(files, dir)) ?? '', /from the cache/);

  // The counters say the same.
  rmSync(entryPath(dir, name!));
  const first = openParseCache(dir);
  parseCached(files[0]!, first);
  t.like(first, { hits: 0, misses: 1, writes: 1 });
  const second = openParseCache(dir);
  t.deepEqual(parseCached(files[0]!, second), parse(files[0]!), 'the cached AST equals a fresh one');
  t.like(second, { hits: 1, misses: 0, writes: 0 });
});

test('if, for, class, include, func and import statements (and every new expression) round-trip through the cache', (t) => {
  const dir = tempDir();
  const text = [
    'for $i, $n in ["a", "b"] { test "t${i}" { str => strings.to_upper($n) + $n } }',
    'if !(1 + 2 * 3 > 6) { test "never" {} } else if "x" =~ "^x" { test "m" { int => {"k" => [1]}.k[0] } }',
    'test "e" { str => if true { "y" } else { "n" } }',
    'import "lib/" as *',
    'class c($a int, $b = "x") { test "c${a}${b}" {} }',
    'include c(1)',
    'func f($x str) { $x + "!" }',
    'test "f" { str => f("a") }',
  ].join('\n');
  // (lib/ cannot include main's `c`: a module sees only its own names, which the check before
  // evaluation verifies even in a class nobody includes.)
  const files = [{ path: 'main.mcl', text }, { path: 'lib/l.mcl', text: 'class l { include k(2) }\nclass k($n) {}' }];
  const plain = run(files);
  t.deepEqual(plain.diagnostics, []);
  const cold = openParseCache(dir);
  t.deepEqual(parseCached(files[0]!, cold), parse(files[0]!));
  t.like(cold, { writes: 1 });
  const warm = openParseCache(dir);
  t.deepEqual(parseCached(files[0]!, warm), parse(files[0]!), 'the cached AST equals a fresh one');
  t.like(warm, { hits: 1, misses: 0 });
  t.deepEqual(run(files, dir).graph, plain.graph);
});

test('semantic errors are the same with a cold or a warm cache', (t) => {
  const dir = tempDir();
  const files = [
    { path: 'a.mcl', text: 'file "/x" {\n  mdoe => "0644",\n}\ntest "t" { str => $missing, int => 1.5 }\n' },
    { path: 'b.mcl', text: 'file "/x" {}\ndocker:container "c" { ports => [0] }\n' },
  ];
  const plain = run(files);
  t.true(plain.diagnostics.length >= 4, rendered(plain));
  const cold = run(files, dir);
  t.is(entries(dir).length, 2, 'files with semantic errors parse cleanly, so they are cached');
  const warm = run(files, dir);
  t.deepEqual(cold.diagnostics, plain.diagnostics);
  t.deepEqual(warm.diagnostics, plain.diagnostics);
  t.is(rendered(warm), rendered(plain));
  t.is(warm.graph, undefined);
});

test('one entry serves the same text under another path, named by the new path', (t) => {
  const dir = tempDir();
  const text = 'file "/x" { mdoe => "0644" }\n';
  run([{ path: 'first/a.mcl', text }], dir);
  const [name] = entries(dir);
  t.false(readFileSync(entryPath(dir, name!), 'utf8').includes('first/a.mcl'), 'no path in the entry');
  const warm = run([{ path: 'second/b.mcl', text }], dir);
  t.deepEqual(entries(dir), [name]);
  t.deepEqual(warm.diagnostics, run([{ path: 'second/b.mcl', text }]).diagnostics);
  t.is(warm.diagnostics[0]?.file, 'second/b.mcl');
  t.regex(rendered(warm), /^second\/b\.mcl:1:13 /);
  const cache = openParseCache(dir);
  t.is(parseCached({ path: 'third.mcl', text }, cache).ast?.file, 'third.mcl');
  t.is(cache.hits, 1);
});

test('a file with a syntax error is never cached and keeps its caret', (t) => {
  const dir = tempDir();
  const bad = { path: 'bad.mcl', text: 'file "/a" {\n  mode => "0644"\n  content => "x",\n}\n' };
  const interp = { path: 'interp.mcl', text: 'test "a" { str => "${ 1 + }" }\n' };
  const good = { path: 'good.mcl', text: 'test "b" {}\n' };
  for (let i = 0; i < 2; i++) {
    const result = run([bad, interp, good], dir);
    t.deepEqual(entries(dir).length, 1, 'only the good file');
    t.deepEqual(result.diagnostics, run([bad, interp, good]).diagnostics);
    t.deepEqual(
      result.diagnostics.map((d) => [d.code, d.file]),
      [
        ['MCL_SYNTAX', 'bad.mcl'],
        ['MCL_SYNTAX', 'interp.mcl'],
      ],
    );
    const text = rendered(result);
    t.regex(text, /^bad\.mcl:3:3 - error MCL_SYNTAX/m);
    t.regex(text, /\|\s+\^~~~~~~/);
  }
});

test('a corrupt, truncated, foreign or misshapen entry is ignored and rewritten', (t) => {
  const dir = tempDir();
  const files = [{ path: 'main.mcl', text: GOOD }];
  const expected = graphText(run(files));
  run(files, dir);
  const [name] = entries(dir);
  const path = entryPath(dir, name!);
  const good = readFileSync(path, 'utf8');
  const entry = JSON.parse(good) as Record<string, unknown>;
  const corruptions: Record<string, string> = {
    empty: '',
    truncated: good.slice(0, good.length / 2),
    'not JSON': '\u0000\u0001garbage',
    'JSON null': 'null',
    'an array': '[]',
    'another format': JSON.stringify({ ...entry, v: CACHE_FORMAT + 1 }),
    'another key': JSON.stringify({ ...entry, key: '0'.repeat(64) }),
    'another length': JSON.stringify({ ...entry, length: 1 }),
    'stmts not a list': JSON.stringify({ ...entry, stmts: {} }),
    'a stmt of an unknown type': JSON.stringify({ ...entry, stmts: [{ type: 'macro', span: { start: 0, end: 1 } }] }),
    'a stmt without a span': JSON.stringify({ ...entry, stmts: [{ type: 'resource' }] }),
  };
  for (const [what, data] of Object.entries(corruptions)) {
    writeFileSync(path, data);
    const cache = openParseCache(dir);
    t.deepEqual(parseCached(files[0]!, cache), parse(files[0]!), what);
    t.like(cache, { hits: 0, misses: 1, writes: 1 }, what);
    t.is(readFileSync(path, 'utf8'), good, `${what}: rewritten`);
    writeFileSync(path, data);
    t.is(graphText(run(files, dir)), expected, what);
  }
  t.deepEqual(entries(dir), [name], 'no temp files left behind');
});

test('different texts get different entries; the same text, one', (t) => {
  const dir = tempDir();
  run([{ path: 'a.mcl', text: 'test "a" {}\n' }], dir);
  run([{ path: 'a.mcl', text: 'test "a" {}\n' }], dir);
  t.is(entries(dir).length, 1);
  run([{ path: 'a.mcl', text: 'test "a" { }\n' }], dir);
  t.is(entries(dir).length, 2);
  run([{ path: 'a.mcl', text: 'test "b" {}\n' }, { path: 'c.mcl', text: 'test "c" {}\n' }], dir);
  t.is(entries(dir).length, 4);
  t.true(entries(dir).every((n) => /^[0-9a-f]{64}\.json$/.test(n)));
  // Strings that UTF-8 would encode alike (a lone surrogate becomes U+FFFD) still differ.
  const cache = openParseCache(dir);
  t.not(cache.key('"\ud800"'), cache.key('"\ufffd"'));
});

test('the cache dir is created with mode 0700, nested as needed', (t) => {
  const dir = join(tempDir(), 'deep', 'er');
  run([{ path: 'a.mcl', text: 'test "a" {}\n' }], dir);
  t.is(entries(dir).length, 1);
  t.is(statSync(dir).mode & 0o777, 0o700);
  t.is(statSync(join(dir, 'ast')).mode & 0o777, 0o700);
  t.is(statSync(entryPath(dir, entries(dir)[0]!)).mode & 0o777, 0o600);
});

test('a cache dir that cannot be written never breaks a compile', (t) => {
  const files = [{ path: 'main.mcl', text: GOOD }];
  const expected = graphText(run(files));
  t.truthy(expected);

  // `ast` is a file: mkdir and writes fail, even for root.
  const blocked = tempDir();
  writeFileSync(join(blocked, 'ast'), 'not a dir');
  t.is(graphText(run(files, blocked)), expected);
  t.is(graphText(run(files, blocked)), expected);

  // The cache dir is below a file.
  const notDir = join(tempDir(), 'file');
  writeFileSync(notDir, '');
  t.is(graphText(run(files, join(notDir, 'cache'))), expected);

  // A read-only dir (root ignores the mode, so only the result is checked then).
  const readOnly = tempDir();
  mkdirSync(join(readOnly, 'ast'));
  chmodSync(join(readOnly, 'ast'), 0o500);
  chmodSync(readOnly, 0o500);
  try {
    t.is(graphText(run(files, readOnly)), expected);
    t.is(graphText(run(files, readOnly)), expected);
    if (process.getuid?.() !== 0) t.deepEqual(entries(readOnly), []);
  } finally {
    chmodSync(readOnly, 0o700);
    chmodSync(join(readOnly, 'ast'), 0o700);
  }

  // A read-only dir that already holds the entry still serves it.
  const warmReadOnly = tempDir();
  run(files, warmReadOnly);
  chmodSync(join(warmReadOnly, 'ast'), 0o500);
  try {
    const cache = openParseCache(warmReadOnly);
    t.truthy(parseCached(files[0]!, cache).ast);
    t.is(cache.hits, 1);
  } finally {
    chmodSync(join(warmReadOnly, 'ast'), 0o700);
  }
});

test('numbers JSON cannot carry (-0, Infinity) keep a file out of the cache', (t) => {
  const dir = tempDir();
  for (const text of ['$x = -0\ntest "a" { num => $x }\n', `test "a" { num => 1${'0'.repeat(400)} }\n`]) {
    const file = { path: 'n.mcl', text };
    const cache = openParseCache(dir);
    t.deepEqual(parseCached(file, cache), parse(file));
    t.is(cache.writes, 0);
  }
  t.deepEqual(entries(dir), []);
  run([{ path: 'n.mcl', text: 'test "a" { num => -1.5 }\n' }], dir);
  t.is(entries(dir).length, 1, 'ordinary numbers are fine');
});

test('prune keeps the cache bounded, dropping the least recently used entries', (t) => {
  const dir = tempDir();
  const fill = openParseCache(dir);
  const old = Date.now() / 1000 - 10 * 86_400;
  for (let i = 0; i < 8; i++) parseCached({ path: `f${i}.mcl`, text: `test "t${i}" {}\n` }, fill);
  t.is(entries(dir).length, 8);
  // f0..f3 were last used ten days ago, f4..f7 a bit over a day ago.
  for (let i = 0; i < 8; i++) utimesSync(entryPath(dir, `${fill.key(`test "t${i}" {}\n`)}.json`), old, old + (i < 4 ? 0 : 9 * 86_400 - 60));
  writeFileSync(join(dir, 'ast', 'stale.1.tmp'), '');
  utimesSync(join(dir, 'ast', 'stale.1.tmp'), old, old);

  const cache = openParseCache(dir, 6);
  parseCached({ path: 'f0.mcl', text: 'test "t0" {}\n' }, cache); // a hit: used now, so kept
  parseCached({ path: 'new.mcl', text: 'test "new" {}\n' }, cache); // a write
  cache.prune();
  const left = new Set(entries(dir));
  const has = (text: string) => left.has(`${cache.key(text)}.json`);
  t.is(left.size, 4, 'down to three quarters of 6');
  t.true(has('test "t0" {}\n'), 'used by this compile');
  t.true(has('test "new" {}\n'), 'written by this compile');
  t.false(has('test "t1" {}\n'));
  t.false(has('test "t2" {}\n'));
  t.false(has('test "t3" {}\n'));
  t.false(left.has('stale.1.tmp'));

  // Reading an entry last used over a day ago refreshes its mtime.
  const stamp = entryPath(dir, `${cache.key('test "new" {}\n')}.json`);
  utimesSync(stamp, old, old);
  parseCached({ path: 'new.mcl', text: 'test "new" {}\n' }, openParseCache(dir));
  t.true(Date.now() - statSync(stamp).mtimeMs < 60_000);
});

test('every fixture compiles the same with a cold and a warm cache', (t) => {
  const root = fileURLToPath(new URL('./fixtures', import.meta.url));
  const dir = tempDir();
  const walk = (d: string): string[] =>
    readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : e.name.endsWith('.txtar') ? [join(d, e.name)] : []));
  const all = walk(root);
  t.true(all.length > 10);
  for (const path of all) {
    const files = parseTxtar(readFileSync(path, 'utf8'))
      .files.filter((f) => f.name.endsWith('.mcl'))
      .map((f) => ({ path: f.name, text: f.data }));
    const plain = run(files);
    for (const pass of ['cold', 'warm']) {
      const cached = run(files, dir);
      t.deepEqual(cached.diagnostics, plain.diagnostics, `${path} (${pass})`);
      t.deepEqual(cached.graph, plain.graph, `${path} (${pass})`);
    }
    for (const file of files) {
      const fresh = parse(file);
      if (fresh.ast) t.deepEqual(parseCached(file, openParseCache(dir)), fresh, `${path}: ${file.path} round-trips`);
    }
  }
  t.true(entries(dir).length > 10);
});
