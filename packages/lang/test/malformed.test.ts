import test from 'ava';
import { compile, renderDiagnostic } from '../src/index.js';
import { registry } from './helpers/registry.js';

// Bad input (the issue: "at least 30 distinct malformed programs, each giving a clear
// positioned error"). Each case is a small broken program; it must give no graph, an error
// with the expected code as its first error, a span, and a rendering that starts with
// `FILE:LINE:COL - error CODE:` and has a caret line under the problem. Every diagnostic of
// every case must be positioned (a file and a span inside it).
//
// `extra` are more files given to `compile` (imported modules); `file` is where the error is
// expected (main.mcl unless said).

interface Case {
  name: string;
  text: string;
  code: string;
  at: `${number}:${number}`;
  extra?: Record<string, string>;
  file?: string;
}

const cases: Case[] = [
  // ---- syntax: punctuation ----
  { name: 'missing comma between params', code: 'MCL_SYNTAX', at: '3:2', text: 'file "/etc/motd" {\n\tmode => "0644"\n\tcontent => "hello\\n",\n}\n' },
  { name: 'missing closing brace of a resource', code: 'MCL_SYNTAX', at: '2:21', text: 'file "/etc/motd" {\n\tcontent => "hello",\n' },
  { name: 'missing closing brace, empty body', code: 'MCL_SYNTAX', at: '1:11', text: 'test "a" {\n' },
  { name: 'stray closing brace', code: 'MCL_SYNTAX', at: '1:25', text: 'test "a" { str => "x" } }\n' },
  { name: 'missing closing bracket of a list', code: 'MCL_SYNTAX', at: '1:11', text: '$l = [1, 2\n' },
  { name: 'double comma in a list', code: 'MCL_SYNTAX', at: '1:9', text: '$x = [1,, 2]\n' },
  { name: 'double comma in a resource body', code: 'MCL_SYNTAX', at: '1:29', text: 'file "/a" { content => "x" ,, }\n' },
  { name: 'missing comma between map entries', code: 'MCL_SYNTAX', at: '1:16', text: '$m = {"a" => 1 "b" => 2}\n' },
  { name: 'colon instead of => in a map', code: 'MCL_SYNTAX', at: '1:10', text: '$m = {"a": 1}\n' },
  { name: 'unclosed parenthesis', code: 'MCL_SYNTAX', at: '1:12', text: '$x = (1 + 2\n' },
  { name: 'missing comma between metaparams', code: 'MCL_SYNTAX', at: '1:29', text: 'file "/a" { Meta:retry => 3 Meta:delay => 1 }\n' },
  // ---- syntax: strings ----
  { name: 'missing closing quote', code: 'MCL_SYNTAX', at: '1:31', text: 'file "/etc/motd" { content => "hello }\n' },
  { name: 'unterminated string at end of file', code: 'MCL_SYNTAX', at: '1:6', text: '$x = "abc\n' },
  { name: 'unknown escape \\U (a Windows path)', code: 'MCL_SYNTAX', at: '1:9', text: '$p = "C:\\Users"\n' },
  { name: 'unknown escape \\u', code: 'MCL_SYNTAX', at: '1:7', text: '$x = "\\u0041"\n' },
  { name: 'unclosed ${ in a string', code: 'MCL_SYNTAX', at: '1:9', text: '$s = "a ${1 + "\n' },
  { name: 'empty ${} in a string', code: 'MCL_SYNTAX', at: '1:9', text: '$x = "${}"\n' },
  { name: 'single-quoted string', code: 'MCL_SYNTAX', at: '1:19', text: 'test "a" { str => \'x\' }\n' },
  // ---- syntax: operators and expressions ----
  { name: 'two binary operators in a row', code: 'MCL_SYNTAX', at: '1:10', text: '$x = 1 + * 2\n' },
  { name: 'a triple &', code: 'MCL_SYNTAX', at: '1:10', text: '$x = 1 &&& 2\n' },
  { name: 'operator at end of file', code: 'MCL_SYNTAX', at: '1:9', text: '$x = 1 +\n' },
  { name: 'two operands without an operator', code: 'MCL_SYNTAX', at: '1:8', text: '$x = 1 2\n' },
  { name: '== instead of = in an assignment', code: 'MCL_SYNTAX', at: '1:5', text: '$x == 1\n' },
  { name: 'a param without a value', code: 'MCL_SYNTAX', at: '1:24', text: 'file "/a" { content => }\n' },
  { name: 'a number with a trailing dot', code: 'MCL_SYNTAX', at: '1:8', text: '$x = 3.\n' },
  { name: 'a stray character', code: 'MCL_SYNTAX', at: '1:1', text: '@x = 1\n' },
  // ---- syntax: edges ----
  { name: 'edge without a target', code: 'MCL_SYNTAX', at: '2:14', text: 'file "/a" {}\nFile["/a"] -> \n' },
  { name: '=> instead of an arrow', code: 'MCL_SYNTAX', at: '1:12', text: 'File["/a"] => File["/b"]\n' },
  { name: 'edge from a lowercase kind', code: 'MCL_SYNTAX', at: '2:11', text: 'test "a" {}\ntest["a"] -> Test["a"]\n' },
  { name: 'edge to a resource declaration', code: 'MCL_SYNTAX', at: '2:14', text: 'test "a" {}\nTest["a"] -> test "b" {}\n' },
  { name: 'arrow inside a resource body', code: 'MCL_SYNTAX', at: '1:23', text: 'test "a" { str => "x" -> }\n' },
  // ---- syntax: keywords misused ----
  { name: 'a keyword as a class name', code: 'MCL_SYNTAX', at: '1:7', text: 'class for {}\n' },
  { name: 'else without a block', code: 'MCL_SYNTAX', at: '1:29', text: 'if true { test "a" {} } else\n' },
  { name: 'for without in', code: 'MCL_SYNTAX', at: '1:8', text: 'for $x [1] { test "a" {} }\n' },
  { name: 'a function with an empty body', code: 'MCL_SYNTAX', at: '1:14', text: 'func f($x) { }\n' },
  { name: 'import of a bare name', code: 'MCL_SYNTAX', at: '1:8', text: 'import lib\n' },
  { name: 'include without a class', code: 'MCL_SYNTAX', at: '1:8', text: 'include\n' },
  { name: 'export of a collect', code: 'MCL_SYNTAX', at: '1:8', text: 'export collect file\n' },
  { name: 'a class inside an if', code: 'MCL_SYNTAX', at: '1:11', text: 'if true { class c {} }\n' },
  // ---- unknown names ----
  { name: 'unknown kind', code: 'MCL_UNKNOWN_KIND', at: '1:1', text: 'svc "nginx" { state => "running" }\n' },
  { name: 'unknown collected kind', code: 'MCL_UNKNOWN_KIND', at: '1:9', text: 'collect nope\n' },
  { name: 'unknown param', code: 'MCL_UNKNOWN_PARAM', at: '1:12', text: 'test "a" { mdoe => "0644" }\n' },
  { name: 'unknown metaparam', code: 'MCL_UNKNOWN_PARAM', at: '1:12', text: 'test "a" { Meta:nope => 1 }\n' },
  { name: 'undefined variable', code: 'MCL_UNDEFINED_VARIABLE', at: '1:19', text: 'test "a" { str => $nope }\n' },
  { name: 'unknown standard function', code: 'MCL_UNKNOWN_FUNCTION', at: '1:6', text: '$x = strings.toupper("a")\n' },
  { name: 'unknown user function', code: 'MCL_UNKNOWN_FUNCTION', at: '1:6', text: '$x = double(2)\n' },
  { name: 'unknown class', code: 'MCL_UNKNOWN_CLASS', at: '1:9', text: 'include web(80)\n' },
  { name: 'edge to an undeclared resource', code: 'MCL_UNKNOWN_EDGE_TARGET', at: '2:14', text: 'test "a" {}\nTest["a"] -> Test["b"]\n' },
  { name: 'missing import', code: 'MCL_IMPORT_NOT_FOUND', at: '1:8', text: 'import "lib/x.mcl"\n' },
  { name: 'import without .mcl or /', code: 'MCL_INVALID_IMPORT', at: '1:8', text: 'import "lib/x"\n' },
  // ---- types and values ----
  { name: 'int for a string param', code: 'MCL_TYPE_MISMATCH', at: '1:19', text: 'test "a" { str => 42 }\n' },
  { name: 'wrong element in a list param', code: 'MCL_TYPE_MISMATCH', at: '1:26', text: 'test "a" { list => ["x", 1] }\n' },
  { name: 'string plus int', code: 'MCL_TYPE_MISMATCH', at: '1:12', text: '$x = "n" + 1\n' },
  { name: 'not of an int', code: 'MCL_TYPE_MISMATCH', at: '1:7', text: '$x = !1\n' },
  { name: 'a string condition', code: 'MCL_TYPE_MISMATCH', at: '1:4', text: 'if "yes" { test "a" {} }\n' },
  { name: 'a loop over an int', code: 'MCL_TYPE_MISMATCH', at: '1:11', text: 'for $x in 3 { test "a" {} }\n' },
  { name: 'a list inside ${}', code: 'MCL_TYPE_MISMATCH', at: '1:9', text: '$x = "${[1]}"\n' },
  { name: 'an int resource name', code: 'MCL_TYPE_MISMATCH', at: '1:6', text: 'test 1 {}\n' },
  { name: 'a string relationship', code: 'MCL_TYPE_MISMATCH', at: '1:22', text: 'test "a" { Depend => "x" }\n' },
  { name: 'a typed function argument', code: 'MCL_TYPE_MISMATCH', at: '2:8', text: 'func f($x int) { $x }\n$y = f("a")\n' },
  { name: 'a typed class argument', code: 'MCL_TYPE_MISMATCH', at: '2:11', text: 'class c($port str) {}\ninclude c(80)\n' },
  { name: 'export to a string', code: 'MCL_TYPE_MISMATCH', at: '1:11', text: 'export to "b" test "a" {}\n' },
  { name: 'a value the schema refuses', code: 'MCL_INVALID_PARAM', at: '1:20', text: 'test "a" { mode => "644" }\n' },
  { name: 'a required param missing', code: 'MCL_MISSING_PARAM', at: '1:1', text: 'docker:container "w" {}\n' },
  { name: 'too few function arguments', code: 'MCL_ARITY', at: '1:6', text: '$x = strings.split("a")\n' },
  { name: 'a class argument missing', code: 'MCL_ARITY', at: '2:1', text: 'class c($p) {}\ninclude c\n' },
  { name: 'unknown printf verb', code: 'MCL_INVALID_ARGUMENT', at: '1:17', text: '$x = fmt.printf("%x", 1)\n' },
  { name: 'file.read of a relative path', code: 'MCL_INVALID_ARGUMENT', at: '1:16', text: '$x = file.read("rel")\n' },
  { name: 'division by zero', code: 'MCL_DIVISION_BY_ZERO', at: '1:11', text: '$x = 10 / 0\n' },
  { name: 'modulo by zero', code: 'MCL_DIVISION_BY_ZERO', at: '1:11', text: '$x = 10 % 0\n' },
  { name: 'index out of range', code: 'MCL_INDEX_OUT_OF_RANGE', at: '2:9', text: '$l = [1]\n$y = $l[3]\n' },
  { name: 'missing map key', code: 'MCL_MISSING_KEY', at: '2:9', text: '$m = {"a" => 1}\n$y = $m.b\n' },
  { name: 'bad regex', code: 'MCL_INVALID_REGEX', at: '1:16', text: '$ok = "web" =~ "web-("\n' },
  // ---- duplicates ----
  { name: 'a resource declared twice', code: 'MCL_DUPLICATE_RESOURCE', at: '2:1', text: 'test "a" {}\ntest "a" {}\n' },
  { name: 'two files with one identity', code: 'MCL_DUPLICATE_RESOURCE', at: '2:1', text: 'file "/etc/motd" {}\nfile "motd" { path => "/etc/motd" }\n' },
  { name: 'a loop declaring one name each run', code: 'MCL_DUPLICATE_RESOURCE', at: '1:24', text: 'for $x in ["a", "b"] { test "same" {} }\n' },
  { name: 'a param set twice', code: 'MCL_DUPLICATE_KEY', at: '1:24', text: 'test "a" { str => "x", str => "y" }\n' },
  { name: 'a map key set twice', code: 'MCL_DUPLICATE_KEY', at: '1:17', text: '$m = {"a" => 1, "a" => 2}\n' },
  { name: 'a class defined twice', code: 'MCL_DUPLICATE_NAME', at: '2:7', text: 'class web {}\nclass web {}\n' },
  {
    name: 'an import named like a standard module',
    code: 'MCL_DUPLICATE_NAME',
    at: '1:8',
    text: 'import "lib/strings.mcl"\n',
    extra: { 'lib/strings.mcl': '$x = 1\n' },
  },
  { name: 'a variable assigned twice', code: 'MCL_VARIABLE_REDEFINED', at: '2:1', text: '$x = 1\n$x = 2\n' },
  { name: 'a function param named twice', code: 'MCL_VARIABLE_REDEFINED', at: '1:12', text: 'func f($x, $x) { $x }\n$y = f(1, 2)\n' },
  { name: 'a loop variable shadowing a top-level one', code: 'MCL_VARIABLE_SHADOWED', at: '2:5', text: '$name = "top"\nfor $name in ["a"] { test "x" {} }\n' },
  { name: 'an exported relationship', code: 'MCL_EXPORT_UNSUPPORTED', at: '1:19', text: 'export test "a" { Depend => Test["b"] }\n' },
  // ---- cycles ----
  { name: 'variables defined by each other', code: 'MCL_VARIABLE_CYCLE', at: '2:6', text: '$a = $b\n$b = $a\n' },
  { name: 'a recursive function', code: 'MCL_FUNCTION_CYCLE', at: '1:14', text: 'func f($n) { f($n) }\n$x = f(1)\n' },
  {
    name: 'mutually recursive functions',
    code: 'MCL_FUNCTION_CYCLE',
    at: '2:44',
    text: 'func even($n) { if $n == 0 { true } else { odd($n - 1) } }\nfunc odd($n) { if $n == 0 { false } else { even($n - 1) } }\n$x = even(4)\n',
  },
  { name: 'classes including each other', code: 'MCL_INCLUDE_CYCLE', at: '2:11', text: 'class a { include b }\nclass b { include a }\ninclude a\n' },
  { name: 'a file importing itself', code: 'MCL_IMPORT_CYCLE', at: '1:8', text: 'import "main.mcl" as me\n' },
  {
    name: 'modules importing each other',
    code: 'MCL_IMPORT_CYCLE',
    at: '1:8',
    file: 'lib/b.mcl',
    text: 'import "lib/a.mcl"\n',
    extra: { 'lib/a.mcl': 'import "b.mcl"\n', 'lib/b.mcl': 'import "a.mcl"\n' },
  },
];

test('the table has at least 30 distinct programs, each with a distinct name', (t) => {
  t.true(cases.length >= 30);
  t.is(new Set(cases.map((c) => c.text)).size, cases.length, 'programs are distinct');
  t.is(new Set(cases.map((c) => c.name)).size, cases.length, 'names are distinct');
});

for (const c of cases) {
  test(`${c.code}: ${c.name}`, (t) => {
    const files = [{ path: 'main.mcl', text: c.text }, ...Object.entries(c.extra ?? {}).map(([path, text]) => ({ path, text }))];
    const result = compile(files, { registry, hostname: 'test-host', env: {} });
    const rendered = result.diagnostics.map((d) => renderDiagnostic(d, result.sources)).join('\n\n');
    t.is(result.graph, undefined, 'a program with errors has no graph');
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    const first = errors[0];
    t.truthy(first, 'at least one error');
    if (!first) return;
    t.is(first.code, c.code, rendered);
    for (const d of result.diagnostics) {
      const text = d.file === undefined ? undefined : result.sources.get(d.file);
      t.truthy(text !== undefined && d.span, `${d.code} is positioned: ${d.message}`);
      if (text !== undefined && d.span) t.true(0 <= d.span.start && d.span.start <= d.span.end && d.span.end <= text.length, `${d.code}: span inside the file`);
    }
    const out = renderDiagnostic(first, result.sources);
    const head = `${c.file ?? 'main.mcl'}:${c.at} - error ${c.code}:`;
    t.true(out.startsWith(head), `expected \`${head}\`, got:\n${out}`);
    t.regex(out, /^ +\| *\^~*$/m, 'a caret line under the problem');
    t.regex(out, /^> \d+ \| /m, 'the offending line is shown');
  });
}
