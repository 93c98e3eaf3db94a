import test from 'ava';
import { compile, printGraphText, renderDiagnostic } from '../src/index.js';
import { compileRegex, isRegexProblem } from '../src/eval/regex.js';
import { registry } from './helpers/registry.js';

// `=~` is RE2 (re2js): linear in the input, Go's syntax. No timing thresholds here: a
// backtracking engine takes minutes to years on these inputs, so finishing at all is the test.

const run = (text: string, opts: Parameters<typeof compile>[1] = { registry }) => compile([{ path: 'main.mcl', text }], opts);

test('a catastrophic pattern for a backtracking engine returns promptly', (t) => {
  const r = run(`pkg_repo "m" { list => ["aaaaaaaaaaaaaaaaaaaaaaaaaaaaa!" =~ "^(a+)+$", "${'a'.repeat(50_000)}!" =~ "^(a|a?)+$", "aaaa" =~ "^(a+)+$"] }`);
  t.deepEqual(r.diagnostics, []);
  t.regex(printGraphText(r.graph!), /field pkg_repo\[m\].list = \[false,false,true\]/);
});

test('a pattern and its input from another host (a collected resource) are matched in linear time', (t) => {
  const text = 'collect file where $r.params.content =~ $r.params.mode as $r { mode => "0644", }\n';
  const collected = [{ host: 'evil', kind: 'file', name: 'x', params: { content: `${'a'.repeat(100_000)}!`, mode: '^(a+)+$' } }];
  const r = run(text, { registry, collected });
  t.deepEqual(r.diagnostics, []);
  t.is(printGraphText(r.graph!), '');
});

test("Go's RE2 syntax: inline flags, named groups, POSIX classes, \\z, Unicode", (t) => {
  const cases: [string, string, boolean][] = [
    ['(?i)^web', 'WEB-1', true],
    ['^(?P<role>web|db)-(?<n>[0-9]+)$', 'db-12', true],
    ['^[[:alpha:]]+$', 'abc', true],
    ['a\\z', 'xa', true],
    ['^\\p{Greek}+$', 'αβγ', true],
    ['^.$', '😀', true],
    ['\\bweb\\b', 'a web host', true],
    ['^web', 'db1', false],
    ['^a$', 'x\na', false],
  ];
  for (const [pattern, input, expected] of cases) {
    const re = compileRegex(pattern);
    if (isRegexProblem(re)) t.fail(`${pattern}: ${re.description}`);
    else t.is(re.test(input), expected, pattern);
  }
});

test('what RE2 refuses is found at its place in the pattern', (t) => {
  const at = (pattern: string) => {
    const p = compileRegex(pattern);
    return isRegexProblem(p) ? { text: p.at && pattern.slice(p.at.start, p.at.end), start: p.at?.start, unsupported: p.unsupported } : undefined;
  };
  t.deepEqual(at('x{2,1}y{2,1}'), { text: '{2,1}', start: 1, unsupported: undefined });
  t.deepEqual(at('z-a[z-a]'), { text: 'z-a', start: 4, unsupported: undefined });
  t.deepEqual(at('(?P<n>a)(?P=n)'), { text: '(?P=', start: 8, unsupported: 'backreference' });
  t.deepEqual(at('^web-(?!0)'), { text: '(?!', start: 5, unsupported: 'lookahead' });
  t.deepEqual(at('^(?=w)'), { text: '(?=', start: 1, unsupported: 'lookahead' });
  t.deepEqual(at('x(?<!a)b'), { text: '(?<!', start: 1, unsupported: 'lookbehind' });
  t.deepEqual(at('(?<=a)b'), { text: '(?<=', start: 0, unsupported: 'lookbehind' });
  t.deepEqual(at('\\1'), { text: '\\1', start: 0, unsupported: 'backreference' });
  t.deepEqual(at('(a)(b)\\2'), { text: '\\2', start: 6, unsupported: 'backreference' });
  t.deepEqual(at('(?<n>a)\\k<n>'), { text: '\\k', start: 7, unsupported: 'backreference' });
  t.deepEqual(at('ab\\'), { text: '\\', start: 2, unsupported: undefined });
  t.deepEqual(at('web-(\\d'), { text: undefined, start: undefined, unsupported: undefined }); // the whole pattern
  t.is(at('^web$'), undefined);
});

test('an error inside a literal pattern points at the part at fault, escapes and wide characters counted', (t) => {
  const r = run('$ok = "é\\t😀" =~ "é\\\\t😀(?=x)"\n');
  t.is(r.diagnostics.length, 1);
  const [d] = r.diagnostics;
  t.is(d?.code, 'MCL_INVALID_REGEX');
  const text = r.sources.get('main.mcl')!;
  t.is(text.slice(d!.span!.start, d!.span!.end), '(?=');
  t.regex(renderDiagnostic(d!, r.sources), /lookaheads are not supported: `\(\?=`/);
});

test('a bad literal pattern is reported once, by the check, even beside other errors', (t) => {
  const r = run('test "a" { bool => "x" =~ "a{2,1}" }\ntest "b" { str => 1 }\nif false { test "c" { bool => "y" =~ "(" } }\n');
  t.deepEqual(
    r.diagnostics.map((d) => `${d.code}@${d.span?.start}`),
    ['MCL_INVALID_REGEX@28', 'MCL_TYPE_MISMATCH@55', 'MCL_INVALID_REGEX@96'],
  );
});
