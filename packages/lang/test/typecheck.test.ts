import test from 'ava';
import { z } from '@mgmt/resource';
import { linkModules } from '../src/modules/link.js';
import { parse } from '../src/parse/parse-cached.js';
import { fits, join } from '../src/types/compat.js';
import { schemaType } from '../src/types/schema.js';
import { show, T, type Type } from '../src/types/type.js';
import { compile } from '../src/index.js';
import { checkProgram, type CheckResult } from '../src/typecheck/program.js';
import { registry } from './helpers/registry.js';

// Inference before evaluation (src/typecheck/): the types it gives variables, calls and
// functions, and the rules it applies. The golden fixtures check/_error_/static-*.txtar
// show the diagnostics; graph/static-inference.txtar a program that must stay clean.

/** Checks one file (no evaluation at all) and returns what the check found. */
function check(text: string): CheckResult {
  const { ast, diagnostics } = parse({ path: 'main.mcl', text });
  if (!ast) throw new Error(`does not parse: ${JSON.stringify(diagnostics)}`);
  return checkProgram(linkModules([{ path: 'main.mcl', source: text, ast }], { parse: () => ({ diagnostics: [] }) }), registry);
}

/** The inferred type of each top-level variable, in words. */
function types(text: string): Record<string, string> {
  const result = check(text);
  const names = [...text.matchAll(/^\$(\w+) =/gm)].map((m) => m[1]!);
  return Object.fromEntries(names.map((n) => [n, show(result.typeOf(n) ?? T.unknown)]));
}

const codes = (text: string): string[] => check(text).diagnostics.map((d) => `${d.code}: ${d.message}`);

test('literals and list elements: one kind, numbers together, several kinds mixed, empty lists fit anything', (t) => {
  t.deepEqual(types('$a = ["x", "y"]\n$b = [1, 2]\n$c = [1, 2.5]\n$d = ["a", 1]\n$e = []\n$f = [[1], [2.5]]\n$g = 1.0\n$h = -1.5\n'), {
    a: 'list of string',
    b: 'list of int',
    c: 'list of number',
    d: 'list', // mixed: no element type
    e: 'list',
    f: 'list of list of number',
    g: 'int', // 1.0 is a whole number: an int, as at run time
    h: 'float',
  });
  const { typeOf } = check('$mixed = ["a", 1]\n$empty = []\n');
  t.is(fits(typeOf('mixed')!, T.list(T.str)), 'no', 'a list with an int is not a list of strings');
  t.is(fits(typeOf('empty')!, T.list(T.str)), 'yes');
});

test('map values, access and loops take the element types; a mixed map gives unknown values', (t) => {
  t.deepEqual(types('$m = {"a" => 1, "b" => 2}\n$n = {"port" => 80, "host" => "a"}\n$x = $m.a\n$y = $n.port\n$z = $m["b"] + 1\n$k = map.keys($m)\n'), {
    m: 'map of int',
    n: 'map', // mixed values
    x: 'int',
    y: 'any', // could be either: never reported
    z: 'int',
    k: 'list of string',
  });
  t.deepEqual(codes('$n = {"port" => 80, "host" => "a"}\n$a = $n.port + 1\n$b = $n.host + "x"\n'), [], 'values of a mixed map are not known: no false positive');
  t.deepEqual(codes('for $i, $v in ["a"] { test "t${i}" { int => $i, str => $v } }\nfor $k, $v in {"a" => 1} { test $k { int => $v } }\n'), []);
  t.deepEqual(codes('for $i, $v in ["a"] { test "t${i}" { str => $i } }\n'), ['MCL_TYPE_MISMATCH: param `str` of `test`: expected string, found int']);
});

test('standard functions have signatures: return types flow on, arguments are checked', (t) => {
  t.deepEqual(types('$a = strings.split("a,b", ",")\n$b = list.len($a)\n$c = math.floor(2.5)\n$d = math.min(1, 2)\n$e = map.values({"k" => "v"})\n$f = fmt.printf("%d", 1)\n$g = file.read("/etc/motd")\n'), {
    a: 'list of string',
    b: 'int',
    c: 'int',
    d: 'number',
    e: 'list of string',
    f: 'string',
    g: 'string',
  });
  t.deepEqual(codes('$x = strings.to_upper(list.len(["a"]))\n'), ['MCL_TYPE_MISMATCH: argument 1 of `strings.to_upper`: expected string, found int']);
});

test('user functions: return types, and untyped params inferred from the body', (t) => {
  const text = [
    'func double($x) { $x * 2 }',
    'func shout($s) { strings.to_upper($s) + "!" }',
    'func id($x) { $x }',
    'func twice($x) { $x + $x }',
    'func pick($c, $a, $b) { if $c { $a } else { $b } }',
    '$r1 = double(21)',
    '$r2 = shout("hi")',
    '$r3 = id("s")',
    '$r4 = id([1])',
    '$r5 = twice("ab")',
    '$r6 = twice(2)',
    '$r7 = pick(true, 1, "x")',
    '',
  ].join('\n');
  t.deepEqual(types(text), { r1: 'number', r2: 'string', r3: 'string', r4: 'list', r5: 'string', r6: 'number', r7: 'any' });
  const result = check(text);
  const sig = (name: string) => result.signatureOf(name)!.params.map(show);
  t.deepEqual(sig('double'), ['number'], '`$x * 2`: a number');
  t.deepEqual(sig('shout'), ['string'], 'strings.to_upper takes a string');
  t.deepEqual(sig('id'), ['any'], 'generic: any value');
  t.deepEqual(sig('pick'), ['bool', 'any', 'any']);
  t.deepEqual(result.diagnostics, []);
  t.deepEqual(codes('func double($x) { $x * 2 }\n$y = double("2")\n'), ['MCL_TYPE_MISMATCH: argument `$x` of function `double`: expected number, found string']);
  t.deepEqual(codes('func add($a, $b) { $a + $b }\n$x = add(1, 2.5)\n$y = add("a", 1)\n'), ['MCL_TYPE_MISMATCH: argument `$b` of function `add`: expected string, found int']);
});

test('interpolation accepts any scalar type, and anything not known; a list, map or reference is refused', (t) => {
  t.deepEqual(codes('func f($x) { "${x}" }\n$s = "${1} ${2.5} ${true} ${"s"} ${1 + 2} ${f([1])} ${datetime.now()}"\n'), []);
  t.deepEqual(codes('collect file as $r { content => "${$r.params.anything}" }\n'), [], 'a collected param: not known, not reported');
  t.deepEqual(codes('$l = ["a"]\n$s = "${l} ${ {"k" => 1} } ${Test["x"]}"\n'), [
    'MCL_TYPE_MISMATCH: interpolation: expected string, number or bool, found list of string',
    'MCL_TYPE_MISMATCH: interpolation: expected string, number or bool, found map of int',
    'MCL_TYPE_MISMATCH: interpolation: expected string, number or bool, found resource reference',
  ]);
});

test('an `if` expression has the type of its branches when they agree, else it is not known', (t) => {
  t.deepEqual(types('$a = if true { "x" } else { "y" }\n$b = if true { 1 } else { 2.5 }\n$c = if true { 1 } else { "x" }\n'), { a: 'string', b: 'number', c: 'any' });
});

test('collect: `$r` has known fields; a collected param is unknown', (t) => {
  t.deepEqual(codes('collect file as $r { path => "/srv/" + $r.name, content => $r.params.content + "x", mode => $r.params.mode }\n'), []);
  t.deepEqual(codes('collect file as $r { path => $r.host + 1 }\n'), ['MCL_TYPE_MISMATCH: `+`: expected string, found int']);
});

test('fits: numbers, unknowns, mixed elements and unions', (t) => {
  t.is(fits(T.int, T.num), 'yes');
  t.is(fits(T.num, T.int), 'maybe', 'a number may be whole: not reported');
  t.is(fits(T.float, T.int), 'no');
  t.is(fits(T.unknown, T.str), 'yes');
  t.is(fits(T.str, T.unknown), 'yes');
  t.is(fits(T.list(T.mixed), T.list(T.str)), 'no');
  t.is(fits(T.list(T.never), T.list(T.int)), 'yes');
  t.is(fits(T.int, T.union([T.str, T.int])), 'yes');
  t.is(fits(T.bool, T.union([T.str, T.int])), 'no');
  t.is(fits(T.record({ name: T.str }), T.map(T.str)), 'yes');
  const joined = (a: Type, b: Type, strict: boolean) => show(join(a, b, strict));
  t.is(joined(T.int, T.float, true), 'number');
  t.is(joined(T.str, T.int, true), 'mixed values');
  t.is(joined(T.str, T.int, false), 'any');
});

test('zod schemas as types: what they take, whatever their rules', (t) => {
  t.is(show(schemaType(z.int().min(1))), 'int');
  t.is(show(schemaType(z.number())), 'number');
  t.is(show(schemaType(z.enum(['a', 'b']))), 'string');
  t.is(show(schemaType(z.literal([1, 2]))), 'int');
  t.is(show(schemaType(z.union([z.string().min(1), z.int()]))), 'string or int');
  t.is(show(schemaType(z.array(z.string()).optional())), 'list of string');
  t.is(show(schemaType(z.record(z.string(), z.boolean()).default({}))), 'map of bool');
  t.is(show(schemaType(z.string().transform((s) => s.length))), 'string', 'a transform takes its input type');
  t.is(show(schemaType(z.any())), 'any');
});

test('the check alone reports what evaluation never reaches', (t) => {
  t.deepEqual(codes('if false { test "a" { str => $nope } }\nfunc f() { g() }\nclass c { test 1 {} }\n'), [
    'MCL_UNDEFINED_VARIABLE: variable `$nope` is not defined',
    'MCL_UNKNOWN_FUNCTION: unknown function `g`',
    'MCL_TYPE_MISMATCH: resource name: expected string, found int',
  ]);
});

test('a param has one type in the whole body, even across branches that no call takes together', (t) => {
  const text = 'func f($x, $mode) { if $mode == "s" { strings.to_upper($x) } else { "${$x * 2}" } }\n$a = f("a", "s")\n';
  t.deepEqual(codes(text), ['MCL_TYPE_MISMATCH: `*`: expected number, found string']);
});

test('compile reports each error once: the check\'s, then what only evaluation sees', (t) => {
  const run = (text: string) => compile([{ path: 'main.mcl', text }], { registry }).diagnostics.map((d) => `${d.code} ${d.span?.start}`);
  // Both passes see `"n" + 1`; evaluation's report is dropped.
  t.deepEqual(run('$x = "n" + 1\n'), ['MCL_TYPE_MISMATCH 11']);
  // The check blames the argument, evaluation would blame the body: still one error.
  t.deepEqual(run('func double($x) { $x * 2 }\n$y = double("a")\n'), ['MCL_TYPE_MISMATCH 39']);
  // After an error of the check, a duplicate resource (only values show it) is still reported.
  t.deepEqual(run('test "a" {}\ntest "a" { str => 1 }\n'), ['MCL_DUPLICATE_RESOURCE 12', 'MCL_TYPE_MISMATCH 30']);
  // A clean check leaves evaluation's errors as they were.
  t.deepEqual(run('$l = [1]\n$y = $l[3]\n'), ['MCL_INDEX_OUT_OF_RANGE 17']);
});
