import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CollectedResource } from '../../src/index.js';
import { parseTxtar } from './txtar.js';

// Generators of programs for the fuzz tests (fuzz.test.ts, typecheck-fuzz.test.ts): soups of
// the language's tokens, random programs from a small grammar, and mutations of the valid
// fixture programs, all from a seeded PRNG so that runs are reproducible.

/** mulberry32: a tiny, good-enough 32-bit PRNG. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Rng {
  int(n: number): number;
  pick<T>(xs: readonly T[]): T;
  chance(p: number): boolean;
}

export const rng = (seed: number): Rng => {
  const next = mulberry32(seed);
  return {
    int: (n) => Math.floor(next() * n),
    pick: (xs) => xs[Math.floor(next() * xs.length)]!,
    chance: (p) => next() < p,
  };
};

/** The language's tokens, with a few near-misses (`'`, `@`, `=>>`) and string/escape edge cases. */
export const TOKENS: readonly string[] = [
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

export function soup(r: Rng): string {
  const n = 1 + r.int(40);
  let s = '';
  for (let i = 0; i < n; i++) s += r.pick(TOKENS) + r.pick(SPACES);
  return s;
}

/**
 * A random program from a small grammar of the language (depth-bounded), so that most cases
 * parse and reach the evaluator: wrong types, unknown names, bad arguments, cycles, etc.
 */
export function program(r: Rng): string {
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

export interface Seed {
  name: string;
  files: { path: string; text: string }[];
  readable: Map<string, string>;
  collected?: CollectedResource[];
}

const fixtures = fileURLToPath(new URL('../fixtures', import.meta.url));
export const seeds: Seed[] = ['graph', 'world']
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
export function tokenSpans(text: string): [number, number][] {
  const out: [number, number][] = [];
  const re = /"(?:[^"\\]|\\.)*"?|\$?[A-Za-z_][A-Za-z0-9_:.]*|\d+(?:\.\d+)?|->|~>|=>|==|!=|=~|<=|>=|&&|\|\||\S/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push([m.index, m.index + m[0].length]);
  return out;
}

const CHARS = '{}[]()",.:;=>-~!$#\\\n\t az09_*/%+<|&\'`@';

/** One random edit: a character or a token deleted, duplicated, swapped, replaced or inserted. */
export function mutate(text: string, r: Rng): string {
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

