import test from 'ava';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { compile, renderDiagnostic, type CollectedResource, type CompileResult } from '../src/index.js';
import { registry } from './helpers/registry.js';
import { parseTxtar } from './helpers/txtar.js';

// Fuzzing the checker (the issue: "a property-based or fuzz test that feeds random and mutated
// programs and asserts the checker never throws an internal error, hangs, or applies
// anything"). No dependency: a seeded PRNG generates (a) soups of the language's tokens and
// (b) mutations of the valid fixture programs. For every case, `compile`
//   - returns (never throws),
//   - within CASE_LIMIT_MS,
//   - gives either a graph and no diagnostic at all, or no graph and at least one error,
//     each with an `MCL_…` code and, when it has a span, a span inside a file it was given;
//   - and every diagnostic renders.
// `compile` never applies anything by construction; what the property pins down is that a
// result with errors has no graph, so nothing can be applied from it.
//
// The seed is fixed so that CI is reproducible; `MCL_FUZZ_SEED=<n>` explores another run and
// `MCL_FUZZ_CASES=<n>` changes the number of cases of each test. A failure prints the seed,
// the case number and the program.

const SEED = Number(process.env['MCL_FUZZ_SEED'] ?? 0x6d636c);
const CASES = Number(process.env['MCL_FUZZ_CASES'] ?? 1500);
const CASE_LIMIT_MS = 2000;

/** mulberry32: a tiny, good-enough 32-bit PRNG. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Rng {
  int(n: number): number;
  pick<T>(xs: readonly T[]): T;
  chance(p: number): boolean;
}

const rng = (seed: number): Rng => {
  const next = mulberry32(seed);
  return {
    int: (n) => Math.floor(next() * n),
    pick: (xs) => xs[Math.floor(next() * xs.length)]!,
    chance: (p) => next() < p,
  };
};

/** The language's tokens, with a few near-misses (`'`, `@`, `=>>`) and string/escape edge cases. */
const TOKENS: readonly string[] = [
  // keywords and soft keywords
  'true', 'false', 'if', 'else', 'for', 'in', 'func', 'class', 'include', 'import', 'export', 'collect', 'as', 'to', 'where',
  // kinds, references, metaparams, relationships
  'file', 'test', 'pkg_repo', 'docker:container', 'nope', 'File', 'Test', 'Pkg_repo', 'Docker:Container', 'Meta:retry', 'Meta:noop',
  'Meta:nope', 'Before', 'Depend', 'Notify', 'Listen', 'content', 'mode', 'path', 'str', 'int', 'num', 'bool', 'list', 'map', 'image',
  // names and functions
  'web', 'lib', 'strings', 'strings.to_upper', 'strings.split', 'fmt.printf', 'list.len', 'map.has_key', 'sys.hostname', 'sys.env',
  'math', 'file.read', 'datetime.now', 'double', '$x', '$y', '$name', '$host', '$r', '$r.name', '$r.params', '$l', '$m', '$_',
  // literals
  '"a"', '"/etc/motd"', '"0644"', '"644"', '""', '"${x}"', '"${$x + 1}"', '"${"', '"${}"', '"\\n"', '"\\q"', '"\\$"', '"\\\\"', '"unterminated',
  '"^web-[0-9]+$"', '"(("', '"%d %s %x"', '0', '1', '-1', '42', '3.25', '0.0', '99999999999999999999999', '1e3', '007',
  // operators and punctuation
  '+', '-', '*', '/', '%', '==', '!=', '=~', '<', '>', '<=', '>=', '&&', '||', '!', '=', '=>', '->', '~>', '.', ',', ':',
  '(', ')', '[', ']', '{', '}', '#', '# a comment\n', '\n', "'", '@', '=>>', '\\', '`', '\t', ' ',
];

const SPACES = [' ', ' ', ' ', '\n', '\t', '', '  '];

function soup(r: Rng): string {
  const n = 1 + r.int(40);
  let s = '';
  for (let i = 0; i < n; i++) s += r.pick(TOKENS) + r.pick(SPACES);
  return s;
}

/**
 * A random program from a small grammar of the language (depth-bounded), so that most cases
 * parse and reach the evaluator: wrong types, unknown names, bad arguments, cycles, etc.
 */
function program(r: Rng): string {
  const VARS = ['$x', '$y', '$z', '$l', '$m', '$s', '$n'];
  const prelude = '$l = ["a", "b"]\n$m = {"a" => "x", "port" => 80}\n$s = "web-1"\n$n = 2\n';
  const FUNCS: [string, number][] = [
    ['strings.split', 2], ['strings.join', 2], ['strings.to_upper', 1], ['strings.replace_all', 3], ['strings.contains', 2],
    ['fmt.printf', 1 + 0], ['fmt.printf', 2], ['fmt.printf', 3], ['math.min', 2], ['math.abs', 1], ['math.floor', 1], ['list.len', 1],
    ['list.contains', 2], ['map.keys', 1], ['map.values', 1], ['map.has_key', 2], ['path.base', 1], ['path.join', 2], ['sys.env', 1],
    ['sys.hostname', 0], ['file.read', 1], ['datetime.now', 0], ['f', 1], ['g', 2], ['nope.fn', 1],
  ];
  const STR = ['"a"', '"web-1"', '"/etc/motd"', '"0644"', '"%s-%d"', '"%v"', '"^web"', '"(("', '""', '","', '"MCL_TEST"'];
  const expr = (d: number): string => {
    if (d <= 0 || r.chance(0.3)) {
      return r.pick([() => r.pick(VARS), () => r.pick(STR), () => String(r.int(5) - 1), () => '2.5', () => r.pick(['true', 'false'])])();
    }
    switch (r.int(12)) {
      case 0:
      case 1:
        return `${expr(d - 1)} ${r.pick(['+', '-', '*', '/', '%', '==', '!=', '=~', '<', '>=', '&&', '||'])} ${expr(d - 1)}`;
      case 2:
        return `${r.pick(['!', '-'])}${expr(d - 1)}`;
      case 3:
        return `[${Array.from({ length: r.int(3) }, () => expr(d - 1)).join(', ')}]`;
      case 4:
        return `{${Array.from({ length: r.int(3) }, () => `${r.pick(STR)} => ${expr(d - 1)}`).join(', ')}}`;
      case 5: {
        const [f, n] = r.pick(FUNCS);
        return `${f}(${Array.from({ length: n + (r.chance(0.1) ? 1 : 0) }, () => expr(d - 1)).join(', ')})`;
      }
      case 6:
        return `${r.pick(VARS)}[${expr(d - 1)}]`;
      case 7:
        return `${r.pick(VARS)}.${r.pick(['a', 'port', 'k'])}`;
      case 8:
        return `if ${expr(d - 1)} { ${expr(d - 1)} } else { ${expr(d - 1)} }`;
      case 9:
        return `"pre-\${${expr(d - 1)}}-post"`;
      case 10:
        return `(${expr(d - 1)})`;
      default:
        return `${r.pick(['File', 'Test', 'Pkg_repo'])}[${expr(d - 1)}]`;
    }
  };
  const body = (): string =>
    Array.from({ length: r.int(3) }, () => `${r.pick(['str', 'int', 'num', 'list', 'map', 'mode', 'content', 'path', 'image', 'Meta:retry', 'Depend', 'Notify'])} => ${expr(2)},`).join(' ');
  const stmt = (d: number): string => {
    switch (r.int(d > 0 ? 10 : 6)) {
      case 0:
      case 1:
        return `${r.pick(['$x', '$y', '$z'])} = ${expr(3)}`;
      case 2:
      case 3:
        return `${r.pick(['test', 'file', 'pkg_repo', 'docker:container'])} ${expr(1)} { ${body()} }`;
      case 4:
        return `${r.pick(['Test', 'File'])}[${expr(1)}] ${r.pick(['->', '~>'])} ${r.pick(['Test', 'File'])}[${expr(1)}]`;
      case 5:
        return `include ${r.pick(['c', 'k', 'nope'])}${r.chance(0.7) ? `(${Array.from({ length: r.int(3) }, () => expr(1)).join(', ')})` : ''}`;
      case 6:
      case 7:
        return `if ${expr(2)} { ${stmt(d - 1)} } else { ${stmt(d - 1)} }`;
      default:
        return `for ${r.pick(['$i, $e', '$e', '$k, $v'])} in ${expr(2)} { ${stmt(d - 1)} }`;
    }
  };
  const top = [
    ...(r.chance(0.5) ? [`func f($a) { ${expr(2).replaceAll('$x', '$a')} }`] : []),
    ...(r.chance(0.3) ? [`func g($a, $b int) { ${r.chance(0.2) ? 'f($a)' : '$b * 2'} }`] : []),
    ...(r.chance(0.5) ? [`class c($p${r.chance(0.5) ? ' = 1' : ''}) { ${stmt(1)} }`] : []),
    ...(r.chance(0.2) ? ['class k { include c(1) }'] : []),
    ...Array.from({ length: 1 + r.int(6) }, () => stmt(2)),
  ];
  return `${r.chance(0.8) ? prelude : ''}${top.join('\n')}\n`;
}

interface Seed {
  name: string;
  files: { path: string; text: string }[];
  readable: Map<string, string>;
  collected?: CollectedResource[];
}

const fixtures = fileURLToPath(new URL('./fixtures', import.meta.url));
const seeds: Seed[] = ['graph', 'world']
  .flatMap((dir) => readdirSync(join(fixtures, dir)).filter((f) => f.endsWith('.txtar')).map((f) => join(dir, f)))
  .sort()
  .map((name) => {
    const archive = parseTxtar(readFileSync(join(fixtures, name), 'utf8'));
    const collected = archive.files.find((f) => f.name === 'collected.json');
    return {
      name,
      files: archive.files.filter((f) => f.name.endsWith('.mcl')).map((f) => ({ path: f.name, text: f.data })),
      readable: new Map(archive.files.filter((f) => f.name.startsWith('/')).map((f) => [f.name, f.data])),
      ...(collected ? { collected: JSON.parse(collected.data) as CollectedResource[] } : {}),
    };
  });

/** Rough tokens of a program, as [start, end) offsets: words, strings, numbers, operators. */
function tokenSpans(text: string): [number, number][] {
  const out: [number, number][] = [];
  const re = /"(?:[^"\\]|\\.)*"?|\$?[A-Za-z_][A-Za-z0-9_:.]*|\d+(?:\.\d+)?|->|~>|=>|==|!=|=~|<=|>=|&&|\|\||\S/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push([m.index, m.index + m[0].length]);
  return out;
}

const CHARS = '{}[]()",.:;=>-~!$#\\\n\t az09_*/%+<|&\'`@';

/** One random edit: a character or a token deleted, duplicated, swapped, replaced or inserted. */
function mutate(text: string, r: Rng): string {
  const at = r.int(text.length + 1);
  const tokens = tokenSpans(text);
  const tok = tokens.length > 0 ? r.pick(tokens) : ([at, at] as [number, number]);
  switch (r.int(9)) {
    case 0: // delete a character
      return text.slice(0, at) + text.slice(at + 1);
    case 1: // duplicate a character
      return text.slice(0, at) + text.slice(at, at + 1) + text.slice(at);
    case 2: // swap two adjacent characters
      return at + 1 < text.length ? text.slice(0, at) + text[at + 1] + text[at] + text.slice(at + 2) : text + text.slice(0, 1);
    case 3: // insert a random character
      return text.slice(0, at) + r.pick([...CHARS]) + text.slice(at);
    case 4: // delete a token
      return text.slice(0, tok[0]) + text.slice(tok[1]);
    case 5: // duplicate a token
      return text.slice(0, tok[1]) + ' ' + text.slice(tok[0], tok[1]) + text.slice(tok[1]);
    case 6: // replace a token by a random one
      return text.slice(0, tok[0]) + r.pick(TOKENS) + text.slice(tok[1]);
    case 7: {
      // swap two tokens
      const other = tokens.length > 0 ? r.pick(tokens) : tok;
      const [a, b] = tok[0] <= other[0] ? [tok, other] : [other, tok];
      if (a[1] > b[0]) return text;
      return text.slice(0, a[0]) + text.slice(b[0], b[1]) + text.slice(a[1], b[0]) + text.slice(a[0], a[1]) + text.slice(b[1]);
    }
    default: // insert a few random tokens
      return text.slice(0, at) + ` ${soup({ ...r, int: (n) => r.int(Math.min(n, 4)) })} ` + text.slice(at);
  }
}

interface Case {
  files: { path: string; text: string }[];
  readable?: Map<string, string>;
  collected?: CollectedResource[];
}

/** Compiles one case and returns what is wrong with the result, or undefined. */
function check(c: Case): { problem?: string; ms: number; result?: CompileResult } {
  const readable = c.readable ?? new Map<string, string>();
  const t0 = performance.now();
  let result: CompileResult;
  try {
    result = compile(c.files, {
      registry,
      hostname: 'fuzz-host',
      env: { MCL_TEST: 'from-env' },
      // never the disk: compile stays a pure function of the case
      readFile: (p) => {
        const text = readable.get(p);
        if (text === undefined) throw Object.assign(new Error(`ENOENT: ${p}`), { code: 'ENOENT' });
        return text;
      },
      now: () => 1_700_000_000_000,
      ...(c.collected ? { collected: c.collected } : {}),
    });
  } catch (error) {
    return { problem: `compile threw: ${(error as Error)?.stack ?? String(error)}`, ms: performance.now() - t0 };
  }
  const ms = performance.now() - t0;
  if (ms > CASE_LIMIT_MS) return { problem: `compile took ${ms.toFixed(0)} ms (limit ${CASE_LIMIT_MS} ms)`, ms, result };
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (result.graph) {
    if (result.diagnostics.length > 0) return { problem: `a graph, and diagnostics: ${JSON.stringify(result.diagnostics)}`, ms, result };
    return { ms, result };
  }
  if (errors.length === 0) return { problem: `no graph, and no error: ${JSON.stringify(result.diagnostics)}`, ms, result };
  for (const d of result.diagnostics) {
    if (!/^MCL_[A-Z_]+$/.test(d.code)) return { problem: `code ${JSON.stringify(d.code)} is not MCL_…: ${d.message}`, ms, result };
    if (d.span) {
      const text = d.file === undefined ? undefined : result.sources.get(d.file);
      if (text === undefined) return { problem: `${d.code} has a span in an unknown file ${String(d.file)}`, ms, result };
      const { start, end } = d.span;
      if (!(Number.isInteger(start) && Number.isInteger(end) && 0 <= start && start <= end && end <= text.length)) {
        return { problem: `${d.code} has span ${start}..${end} outside ${d.file} (${text.length} chars): ${d.message}`, ms, result };
      }
    }
    try {
      renderDiagnostic(d, result.sources);
    } catch (error) {
      return { problem: `renderDiagnostic threw on ${d.code}: ${(error as Error)?.stack ?? String(error)}`, ms, result };
    }
  }
  return { ms, result };
}

function runCases(t: import('ava').ExecutionContext, label: string, seed: number, make: (r: Rng) => Case): void {
  const r = rng(seed);
  const t0 = performance.now();
  let slowest = 0;
  let graphs = 0;
  const codes = new Map<string, number>();
  for (let i = 0; i < CASES; i++) {
    const c = make(r);
    const { problem, ms, result } = check(c);
    slowest = Math.max(slowest, ms);
    if (problem) {
      const program = c.files.map((f) => `-- ${f.path} --\n${f.text}`).join('\n');
      t.fail(`${label}: seed ${seed} (MCL_FUZZ_SEED=${SEED}), case ${i}: ${problem}\n${program}`);
      return;
    }
    if (result?.graph) graphs++;
    for (const d of result?.diagnostics ?? []) codes.set(d.code, (codes.get(d.code) ?? 0) + 1);
  }
  const total = performance.now() - t0;
  t.log(
    `${label}: seed ${seed}, ${CASES} cases in ${total.toFixed(0)} ms (${((CASES * 1000) / total).toFixed(0)}/s, slowest ${slowest.toFixed(1)} ms), ` +
      `${graphs} compiled; codes: ${[...codes].sort((a, b) => b[1] - a[1]).map(([c, n]) => `${c} ${n}`).join(', ')}`,
  );
  t.pass();
}

test('random token soups never make compile throw, hang or return a graph with errors', (t) => {
  runCases(t, 'soup', SEED, (r) => ({ files: [{ path: 'main.mcl', text: soup(r) }] }));
});

test('random programs from the grammar never make compile throw, hang or return a graph with errors', (t) => {
  runCases(t, 'grammar', SEED + 2, (r) => ({ files: [{ path: 'main.mcl', text: program(r) }] }));
});

test('mutated fixture programs never make compile throw, hang or return a graph with errors', (t) => {
  t.true(seeds.length >= 10, 'the fixtures are found');
  runCases(t, 'mutation', SEED + 1, (r) => {
    const seed = r.pick(seeds);
    const files = seed.files.map((f) => ({ ...f }));
    const target = files[r.int(files.length)]!;
    const edits = 1 + r.int(3);
    for (let i = 0; i < edits; i++) target.text = mutate(target.text, r);
    return { files, readable: seed.readable, ...(seed.collected ? { collected: seed.collected } : {}) };
  });
});

test('the unmutated fixture programs pass the same checks (the property holds on valid input)', (t) => {
  for (const seed of seeds) {
    const { problem } = check(seed);
    t.is(problem, undefined, seed.name);
  }
});

// Found by this fuzzing: deep nesting overflowed the stack (in Ohm's matcher for ~280 nested
// parentheses, in the evaluator for a flat chain of ~2,500 `+`). It is now MCL_TOO_DEEP.
test('deeply nested parentheses are a diagnostic, not a stack overflow', (t) => {
  const { problem } = check({ files: [{ path: 'main.mcl', text: `$x = ${'('.repeat(2000)}1${')'.repeat(2000)}\n` }] });
  t.is(problem, undefined);
});

test('a long flat chain of `+` is a diagnostic or a value, not a stack overflow', (t) => {
  const { problem } = check({ files: [{ path: 'main.mcl', text: `$x = "a"${' + "a"'.repeat(5000)}\n` }] });
  t.is(problem, undefined);
});
