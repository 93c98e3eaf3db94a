import test from 'ava';
import { compile, printGraphText, renderDiagnostic } from '../src/index.js';
import { ArgError, FUNCTIONS, type CallContext } from '../src/eval/functions/index.js';
import { MAX_DEPTH } from '../src/eval/template/parse.js';
import { MAX_OUTPUT, MAX_STEPS } from '../src/eval/template/render.js';
import type { Value, ValueMap } from '../src/eval/values.js';
import { registry } from './helpers/registry.js';

// The template engine through the `template` function: its output, or its refusal's words
// (`at line:col of the template: …`). Golden fixtures cover the diagnostics in programs.
const ctx: CallContext = { hostname: '', env: () => undefined, readFile: () => ({ error: 'no' }), now: () => 0, osRelease: () => '' };
const def = FUNCTIONS.get('template')!;

function render(text: string, vars: ValueMap = {}): string {
  const out = def.call([text, vars], ctx);
  return out instanceof ArgError ? `error: ${out.reason}` : (out as string);
}

const vars: ValueMap = {
  name: 'web1',
  port: 8080,
  ratio: 0.5,
  on: true,
  off: false,
  users: ['ann', 'bob'],
  groups: { b: 'wheel', a: 'adm' },
  nested: { a: { b: 'deep' } },
  hosts: [
    { name: 'h1', ip: '10.0.0.1' },
    { name: 'h2', ip: '10.0.0.2' },
  ],
};

test('prints keys, nested keys and the current value, formatted as ${…} does', (t) => {
  t.is(render('Hello {{ .name }}!', vars), 'Hello web1!');
  t.is(render('{{.port}} {{ .ratio }} {{ .on }} {{ .off }}', vars), '8080 0.5 true false');
  t.is(render('{{ .nested.a.b }}', vars), 'deep');
  t.is(render('{{ range .users }}[{{ . }}]{{ end }}', vars), '[ann][bob]');
  t.is(render('no actions at all, { single } braces, }} closers'), 'no actions at all, { single } braces, }} closers');
  t.is(render(''), '');
  t.is(render('{{ .größe }}', { größe: 'ü' }), 'ü');
  t.is(render('{{ .a_1 }}', { a_1: 'x' }), 'x');
});

test('if, else if and else, with Go truthiness', (t) => {
  const cases: [Value, boolean][] = [
    [false, false],
    [0, false],
    ['', false],
    [[], false],
    [{}, false],
    [true, true],
    [1, true],
    [-1, true],
    [0.5, true],
    ['false', true],
    ['0', true],
    [[0], true],
    [{ a: false }, true],
  ];
  for (const [v, truth] of cases) t.is(render('{{ if .v }}yes{{ else }}no{{ end }}', { v }), truth ? 'yes' : 'no', JSON.stringify(v));
  const chain = '{{ if .a }}a{{ else if .b }}b{{ else if .c }}c{{ else }}none{{ end }}';
  t.is(render(chain, { a: 0, b: '', c: 'x' }), 'c');
  t.is(render(chain, { a: 0, b: 'x', c: 'x' }), 'b');
  t.is(render(chain, { a: 0, b: '', c: [] }), 'none');
  t.is(render('{{ if .on }}only{{ end }}', { on: false }), '');
  t.is(render('{{ if .a }}{{ if .b }}ab{{ else }}a{{ end }}{{ end }}', { a: true, b: false }), 'a');
});

test('range over a list, over a map in key order, nested, and its else', (t) => {
  t.is(render('{{ range .groups }}{{ . }},{{ end }}', vars), 'adm,wheel,');
  t.is(render('{{ range .hosts }}{{ .name }}={{ .ip }};{{ end }}', vars), 'h1=10.0.0.1;h2=10.0.0.2;');
  t.is(render('{{ range .m }}{{ range . }}{{ . }}{{ end }}|{{ end }}', { m: [[1, 2], [3]] }), '12|3|');
  t.is(render('{{ range .l }}x{{ else }}empty{{ end }}', { l: [] }), 'empty');
  t.is(render('{{ range .l }}x{{ else }}empty{{ end }}', { l: {} }), 'empty');
  t.is(render('{{ range .l }}{{ if . }}{{ . }}{{ else }}-{{ end }}{{ end }}', { l: [1, 0, 2] }), '1-2');
});

test('trim markers remove the whitespace next to them, newlines included', (t) => {
  t.is(render('a  \n {{- .x -}} \n\t b', { x: 'X' }), 'aXb');
  t.is(render('a {{- .x }} b', { x: 'X' }), 'aX b');
  t.is(render('a {{ .x -}} b', { x: 'X' }), 'a Xb');
  t.is(render('list:\n{{- range .l }}\n- {{ . }}\n{{- end }}\n', { l: ['a', 'b'] }), 'list:\n- a\n- b\n');
  // As in Go, the marker needs whitespace on its inner side: `{{-x` is no trim marker.
  t.regex(render('a {{-.x}}', { x: 'X' }), /^error: at 1:5 of the template: unknown action `-.x`/);
});

test('comments print nothing, may hold `}}`, and trim', (t) => {
  t.is(render('a{{/* a }} comment */}}b'), 'ab');
  t.is(render('a {{- /* c */ -}} b'), 'ab');
  t.is(render('a{{/* unclosed }}'), 'error: at 1:4 of the template: unclosed comment: `/*` has no `*/`');
  t.is(render('{{/* c */ .x }}'), 'error: at 1:1 of the template: text after a comment: write `{{/* … */}}`');
});

test('malformed templates are refused with the line:col of the fault', (t) => {
  const cases: [string, string][] = [
    ['Hello {{ .name }', 'at 1:7 of the template: unclosed action: `{{` has no `}}`'],
    ['ok\n{{ end }}', 'at 2:1 of the template: `{{ end }}` without `{{ if }}` or `{{ range }}`'],
    ['{{ else }}', 'at 1:1 of the template: `{{ else }}` without `{{ if }}` or `{{ range }}`'],
    ['a\n  {{ if .x }}b', 'at 2:3 of the template: `{{ if }}` has no `{{ end }}`'],
    ['{{ if .x }}{{ range .y }}{{ end }}', 'at 1:1 of the template: `{{ if }}` has no `{{ end }}`'],
    ['{{ range .y }}', 'at 1:1 of the template: `{{ range }}` has no `{{ end }}`'],
    ['{{ if .x }}{{ else }}{{ else }}{{ end }}', 'at 1:22 of the template: a second `{{ else }}` in one `{{ if }}`'],
    ['{{ range .x }}{{ else if .y }}{{ end }}', 'at 1:15 of the template: `{{ else if }}` belongs to an `{{ if }}`, not a `{{ range }}`'],
    ['{{ if .x }}{{ else .y }}{{ end }}', 'at 1:20 of the template: `{{ else }}` takes nothing, or `if` and a value: `{{ else if .key }}`'],
    ['{{ if .x }}{{ end .x }}', 'at 1:19 of the template: `{{ end }}` takes nothing'],
    ['{{ if }}{{ end }}', 'at 1:4 of the template: `if` needs a value, such as `{{ if .key }}`'],
    ['{{ range }}{{ end }}', 'at 1:4 of the template: `range` needs a value, such as `{{ range .key }}`'],
    ['{{ }}', 'at 1:1 of the template: empty action `{{ }}`'],
    ['{{ .a..b }}', 'at 1:4 of the template: invalid value `.a..b`: write `.`, `.key` or `.key.inner` (keys of letters, digits and `_`)'],
    ['{{ .my-key }}', 'at 1:4 of the template: invalid value `.my-key`: write `.`, `.key` or `.key.inner` (keys of letters, digits and `_`)'],
    ['{{ .a. }}', 'at 1:4 of the template: invalid value `.a.`: write `.`, `.key` or `.key.inner` (keys of letters, digits and `_`)'],
  ];
  for (const [text, reason] of cases) t.is(render(text, { x: true, y: [1] }), `error: ${reason}`, text);
});

test('sandbox: no function calls, pipes, variables or other actions', (t) => {
  const cases: [string, string][] = [
    ['{{ call .f }}', 'at 1:4 of the template: function calls are not supported: `call`'],
    ['{{ printf "%s" .x }}', 'at 1:4 of the template: function calls are not supported: `printf`'],
    ['{{ len .l }}', 'at 1:4 of the template: function calls are not supported: `len`'],
    ['{{ .x | f }}', 'at 1:7 of the template: pipes (`|`) are not supported'],
    ['{{ .x|html }}', 'at 1:6 of the template: pipes (`|`) are not supported'],
    ['{{ $x := .x }}', 'at 1:4 of the template: variables (`$x`) are not supported; write `.key`'],
    ['{{ $ }}', 'at 1:4 of the template: variables (`$`) are not supported; write `.key`'],
    ['{{ with .x }}{{ end }}', 'at 1:4 of the template: `{{ with }}` is not supported'],
    ['{{ template "t" }}', 'at 1:4 of the template: `{{ template }}` is not supported'],
    ['{{ define "t" }}x{{ end }}', 'at 1:4 of the template: `{{ define }}` is not supported'],
    ['{{ .x .y }}', 'at 1:7 of the template: an action takes one value: arguments and function calls are not supported (`.y`)'],
    ['{{ .Method "arg" }}', 'at 1:12 of the template: an action takes one value: arguments and function calls are not supported (`"arg"`)'],
    ['{{ if .x .y }}{{ end }}', 'at 1:10 of the template: an action takes one value: arguments and function calls are not supported (`.y`)'],
    ['{{ "literal" }}', 'at 1:4 of the template: unknown action `"literal"`; write `{{ .key }}`, `{{ if .key }}`, `{{ range .key }}`, `{{ else }}` or `{{ end }}`'],
    ['{{ (.x) }}', 'at 1:4 of the template: unknown action `(.x)`; write `{{ .key }}`, `{{ if .key }}`, `{{ range .key }}`, `{{ else }}` or `{{ end }}`'],
  ];
  for (const [text, reason] of cases) t.is(render(text, { x: 'v', y: 'w', l: [1] }), `error: ${reason}`, text);
  // Only the map's own keys: nothing of JavaScript's objects is reachable.
  for (const key of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) t.regex(render(`{{ .${key} }}`, { x: 1 }), /^error: at 1:4 of the template: missing key/, key);
  t.is(render('{{ .l.length }}', { l: [1, 2] }), 'error: at 1:6 of the template: `.l` is a list, not a map: it has no key `length`');
  t.is(render('{{ .s.length }}', { s: 'abc' }), 'error: at 1:6 of the template: `.s` is a string, not a map: it has no key `length`');
});

test('values: a missing key, a path through a non-map, a list or map printed, range over a scalar', (t) => {
  t.is(render('Hello {{ .nmae }}', { name: 'x' }), 'error: at 1:10 of the template: missing key `nmae`; did you mean `name`?');
  t.is(render('{{ .nested.a.c }}', vars), 'error: at 1:13 of the template: missing key `c` in `.nested.a`; did you mean `b`?');
  t.is(render('{{ if .debug }}x{{ end }}', {}), 'error: at 1:7 of the template: missing key `debug`');
  t.is(render('{{ .name.first }}', vars), 'error: at 1:9 of the template: `.name` is a string, not a map: it has no key `first`');
  t.is(render('{{ .port.x }}', vars), 'error: at 1:9 of the template: `.port` is an int, not a map: it has no key `x`');
  t.is(render('{{ .users }}', vars), 'error: at 1:4 of the template: `.users` is a list: only strings, numbers and bools can be printed');
  t.is(render('{{ . }}', vars), 'error: at 1:4 of the template: `.` is a map: only strings, numbers and bools can be printed');
  t.is(render('{{ range .name }}x{{ end }}', vars), 'error: at 1:10 of the template: cannot range over `.name`, a string: only over a list or a map');
  // The error inside a range is at the action, whatever the element.
  t.is(render('{{ range .hosts }}\n{{ .nme }}{{ end }}', vars), 'error: at 2:4 of the template: missing key `nme`; did you mean `name`?');
});

test('limits: output size, steps and nesting', (t) => {
  const big = 'x'.repeat(1024);
  const many = Array.from({ length: 1100 }, () => 0);
  t.is(render('{{ range .l }}{{ . }}{{ end }}', { l: many.map(() => big) }), `error: at 1:15 of the template: the output is longer than ${MAX_OUTPUT} characters (1 MiB)`);
  t.is(render(`{{ range .l }}${big}{{ end }}`, { l: many }), `error: at 1:15 of the template: the output is longer than ${MAX_OUTPUT} characters (1 MiB)`);
  t.is(render('{{ range .l }}{{ . }}{{ end }}', { l: many.slice(0, 1000).map(() => big) }).length, 1024 * 1000);
  const l = Array.from({ length: 200 }, () => 0);
  // 200³ = 8 million runs of an empty body: refused, though it prints nothing.
  const deep = { l: l.map(() => l.map(() => l)) };
  t.regex(render('{{ range .l }}{{ range . }}{{ range . }}{{ end }}{{ end }}{{ end }}', deep), new RegExp(`^error: at 1:\\d+ of the template: the template takes more than ${MAX_STEPS} steps$`));
  const nest = (n: number): string => '{{ if .x }}'.repeat(n) + 'y' + '{{ end }}'.repeat(n);
  t.is(render(nest(MAX_DEPTH), { x: true }), 'y');
  t.is(render(nest(MAX_DEPTH + 1), { x: true }), `error: at 1:${MAX_DEPTH * 11 + 1} of the template: more than ${MAX_DEPTH} nested \`{{ if }}\` and \`{{ range }}\``);
});

const run = (text: string) => compile([{ path: 'main.mcl', text }], { registry, osRelease: '' });
const rendered = (r: ReturnType<typeof run>): string => r.diagnostics.map((d) => renderDiagnostic(d, r.sources)).join('\n\n');

test('an error in a literal template points inside the string, past escapes', (t) => {
  const r = run('test "a" { str => template("a\\tb\\n{{ .x | f }}", {"x" => 1}) }\n');
  t.is(r.diagnostics.length, 1, rendered(r));
  const d = r.diagnostics[0]!;
  t.is(d.code, 'MCL_INVALID_ARGUMENT');
  t.is(d.message, '`template`: at 2:7 of the template: pipes (`|`) are not supported');
  // The `|` is character 11 of the value, but 13 of the literal: each `\t` and `\n` is two.
  t.is(r.sources.get('main.mcl')!.slice(d.span!.start, d.span!.end), '|');
});

test('a literal template is checked before running, even in a function nobody calls', (t) => {
  const r = run('func f($v) { template("{{ if .x }}", $v) }\n');
  t.is(r.diagnostics.length, 1, rendered(r));
  t.is(r.diagnostics[0]!.message, '`template`: at 1:1 of the template: `{{ if }}` has no `{{ end }}`');
});

test('a user function named template hides the standard one; modules keep their names', (t) => {
  const r = run('func template($a, $b) { "mine" }\ntest "a" { str => template("{{ .x }}", {}) }\n');
  t.deepEqual(r.diagnostics, [], rendered(r));
  t.is(printGraphText(r.graph!), 'field test[a].str = "mine"\nvertex test[a]');
});

test('template takes a map: a list is a type mismatch', (t) => {
  const r = run('test "a" { str => template("x", [1]) }\n');
  t.is(r.diagnostics[0]?.code, 'MCL_TYPE_MISMATCH', rendered(r));
});
