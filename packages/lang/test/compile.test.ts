import test from 'ava';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compile, loadProgram, printGraphText } from '../src/index.js';
import { registry } from './helpers/registry.js';

test('a declaration keeps its origin, zod-parsed params and parsed metaparams', (t) => {
  const text = 'docker:container "web" {\n  image => "nginx",\n  Meta:retry => 2,\n}\n';
  const { graph, diagnostics } = compile([{ path: 'w.mcl', text }], { registry });
  t.deepEqual(diagnostics, []);
  const [decl] = graph!.resources;
  t.deepEqual(decl?.params, { image: 'nginx', state: 'running' });
  t.deepEqual(decl?.meta, { retry: 2, delay: 0, poll: 0, noop: false, autoedge: true, limit: 0, burst: 1, sema: [] });
  t.is(decl?.origin?.file, 'w.mcl');
  t.is(decl?.origin?.source, text);
  t.deepEqual(decl?.origin?.span, { start: 0, end: text.length - 1 });
  const image = decl?.origin?.paramSpans?.['image'];
  t.is(image && text.slice(image.start, image.end), 'image => "nginx"');
  t.truthy(decl?.origin?.paramSpans?.['Meta:retry']);
});

test('any error means no graph; diagnostics come sorted by file, then offset', (t) => {
  const result = compile(
    [
      { path: 'b.mcl', text: 'test "b" { nope => 1 }\ntest "c" { str => 1 }' },
      { path: 'a.mcl', text: 'test "a" { str => $missing }' },
    ],
    { registry },
  );
  t.is(result.graph, undefined);
  t.deepEqual(
    result.diagnostics.map((d) => `${d.file}:${d.span?.start}:${d.code}`),
    ['a.mcl:18:MCL_UNDEFINED_VARIABLE', 'b.mcl:11:MCL_UNKNOWN_PARAM', 'b.mcl:41:MCL_TYPE_MISMATCH'],
  );
  t.deepEqual([...result.sources.keys()], ['a.mcl', 'b.mcl']);
});

test('diagnostics carry the param path', (t) => {
  const { diagnostics } = compile([{ path: 'a.mcl', text: 'test "a" { list => ["x", 1] }' }], { registry });
  t.deepEqual(diagnostics[0]?.path, ['list', 1]);
});

test('loadProgram reads a directory: top-level .mcl files only, by name', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'mgmt-lang-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  await writeFile(join(dir, 'b.mcl'), 'test "b" { Depend => Test["a"] }\n');
  await writeFile(join(dir, 'a.mcl'), '$x = "a"\ntest $x {}\n');
  await writeFile(join(dir, 'notes.txt'), 'not mcl');
  await mkdir(join(dir, 'sub'));
  await writeFile(join(dir, 'sub', 'c.mcl'), 'this is not even valid');
  const result = await loadProgram(dir, { registry });
  t.deepEqual(result.diagnostics, []);
  t.is(printGraphText(result.graph!), 'edge test[a] -> test[b]\nvertex test[a]\nvertex test[b]');
  t.deepEqual([...result.sources.keys()], [join(dir, 'a.mcl'), join(dir, 'b.mcl')]);
});

test('loadProgram reads one file, and names it as given', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'mgmt-lang-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const file = join(dir, 'one.mcl');
  await writeFile(file, 'test "x" { bad => 1 }');
  const result = await loadProgram(file, { registry });
  t.is(result.diagnostics[0]?.file, file);
  t.is(result.sources.get(file), 'test "x" { bad => 1 }');
});

test('a missing path or an empty directory is a diagnostic, not a throw', async (t) => {
  const missing = await loadProgram('/nonexistent/x.mcl', { registry });
  t.like(missing, { graph: undefined, diagnostics: [{ code: 'MCL_FILE_NOT_FOUND', severity: 'error' }] });
  const dir = await mkdtemp(join(tmpdir(), 'mgmt-lang-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  t.like(await loadProgram(dir, { registry }), { diagnostics: [{ code: 'MCL_NO_SOURCE_FILES' }] });
});

test('compile reads imports that are not among its files only through the reader it is given', (t) => {
  const files = [{ path: 'app/main.mcl', text: 'import "../lib/motd.mcl"\nimport "roles/"\ninclude motd.banner(roles.name())' }];
  t.like(compile(files, { registry }), { graph: undefined, diagnostics: [{ code: 'MCL_IMPORT_NOT_FOUND' }, { code: 'MCL_IMPORT_NOT_FOUND' }] });
  const disk: Record<string, string> = {
    'lib/motd.mcl': 'class banner($who) { test "motd-${who}" {} }',
    'app/roles/web.mcl': 'func name() { "web" }',
  };
  const asked: string[] = [];
  const reader = {
    readFile: (path: string) => (asked.push(path), disk[path]),
    listDir: (path: string) => Object.keys(disk).filter((p) => p.startsWith(path) && !p.slice(path.length).includes('/')),
  };
  const result = compile(files, { registry, reader });
  t.deepEqual(result.diagnostics, []);
  t.is(printGraphText(result.graph!), 'vertex test[motd-web]');
  t.deepEqual(asked.sort(), ['app/roles/web.mcl', 'lib/motd.mcl']);
  t.is(result.sources.get('lib/motd.mcl'), disk['lib/motd.mcl'], 'imported files can be rendered');
  const broken = compile(files, { registry, reader: { ...reader, readFile: () => { throw new Error('EACCES'); } } });
  t.like(broken.diagnostics[0], { code: 'MCL_READ_FAILED', file: 'app/main.mcl' });
});

test('loadProgram reads imported files and folders from disk, relative to the importing file', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'mgmt-lang-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  await mkdir(join(dir, 'lib', 'roles'), { recursive: true });
  await writeFile(join(dir, 'main.mcl'), 'import "lib/motd.mcl" as m\ninclude m.banner()\n');
  await writeFile(join(dir, 'lib', 'motd.mcl'), 'import "roles/"\nclass banner { test "motd-${$roles.who}" {} }\n');
  await writeFile(join(dir, 'lib', 'roles', 'web.mcl'), '$who = "web"\ntest "from-a-module" {}\n');
  const result = await loadProgram(dir, { registry });
  t.deepEqual(result.diagnostics, []);
  t.is(printGraphText(result.graph!), 'vertex test[from-a-module]\nvertex test[motd-web]');
  const missing = await loadProgram(join(dir, 'lib', 'roles', 'web.mcl'), { registry });
  t.deepEqual(missing.diagnostics, []);
  await writeFile(join(dir, 'main.mcl'), 'import "lib/nope.mcl"\n');
  t.like(await loadProgram(dir, { registry }), { diagnostics: [{ code: 'MCL_IMPORT_NOT_FOUND', file: join(dir, 'main.mcl') }] });
});

test('an empty program compiles to an empty graph', (t) => {
  t.deepEqual(compile([], { registry }).graph, { resources: [], edges: [] });
});

test('nesting too deep for the stack is MCL_TOO_DEEP, in the parser and in the evaluator', (t) => {
  const parens = `$x = ${'('.repeat(3000)}1${')'.repeat(3000)}\n`;
  const chain = `$x = "a"${' + "a"'.repeat(20000)}\n`;
  for (const text of [parens, chain]) {
    const { graph, diagnostics } = compile([{ path: 'deep.mcl', text }], { registry });
    t.is(graph, undefined);
    t.deepEqual(diagnostics.map((d) => [d.code, d.file]), [['MCL_TOO_DEEP', 'deep.mcl']]);
  }
});
