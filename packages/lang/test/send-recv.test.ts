import test from 'ava';
import { compile, parse, type EdgeStmt } from '../src/index.js';
import { registry } from './helpers/registry.js';

const program = (edges: string) =>
  `exec "e" { cmd => "echo", args => ["hi"], }\nexec "x" { cmd => "true", }\nfile "/tmp/f" {}\nfile "/tmp/g" { content => "own\\n", }\n${edges}\n`;

test('the AST keeps each end\'s field, without the dot, and plain edges keep their shape', (t) => {
  const text = 'Exec["e"].stdout -> File["/tmp/f"].content\nExec["e"] -> File["/tmp/f"]\n';
  const { ast, diagnostics } = parse({ path: 'm.mcl', text });
  t.deepEqual(diagnostics, []);
  const [withFields, plain] = ast!.stmts as EdgeStmt[];
  t.deepEqual(
    withFields!.fields?.map((f) => f && [f.name, text.slice(f.span.start, f.span.end)]),
    [
      ['stdout', 'stdout'],
      ['content', 'content'],
    ],
  );
  t.false('fields' in plain!);
});

test('a send/recv edge carries its pair; pairs between the same two resources are merged', (t) => {
  const { graph, diagnostics } = compile(
    [{ path: 'm.mcl', text: program('Exec["e"].stdout -> File["/tmp/f"].content\nExec["e"].stderr ~> File["/tmp/g"].content\nExec["x"] -> File["/tmp/g"]\nExec["x"].output -> File["/tmp/g"].mode\nExec["e"].stdout -> File["/tmp/f"].content') }],
    { registry },
  );
  t.deepEqual(diagnostics, []);
  const edges = graph!.edges.map((e) => ({ from: e.from.name, to: e.to.name, notify: e.notify, sendRecv: e.sendRecv }));
  t.deepEqual(edges, [
    { from: 'e', to: '/tmp/f', notify: false, sendRecv: [{ send: 'stdout', recv: 'content' }] },
    { from: 'e', to: '/tmp/g', notify: true, sendRecv: [{ send: 'stderr', recv: 'content' }] },
    { from: 'x', to: '/tmp/g', notify: false, sendRecv: [{ send: 'output', recv: 'mode' }] },
  ]);
  // A receiving param set in the body stays: it is what noop checks with.
  t.is(graph!.resources.find((r) => r.name === '/tmp/g')!.params['content'], 'own\n');
});

test('each misuse has its code, at its field, and stops the graph', (t) => {
  const codes = (edges: string) =>
    compile([{ path: 'm.mcl', text: program(edges) }], { registry }).diagnostics.map((d) => {
      const text = program(edges);
      return `${d.code} ${d.span ? text.slice(d.span.start, d.span.end) : ''}`;
    });
  t.deepEqual(codes('Exec["e"].stdout -> File["/tmp/f"]'), ['MCL_SEND_RECV_HALF stdout']);
  t.deepEqual(codes('Exec["e"] -> File["/tmp/f"].content'), ['MCL_SEND_RECV_HALF content']);
  t.deepEqual(codes('Exec["e"].stdout -> File["/tmp/f"].content -> File["/tmp/g"]'), ['MCL_SEND_RECV_CHAIN stdout', 'MCL_SEND_RECV_CHAIN content']);
  t.deepEqual(codes('Exec["e"].stdot -> File["/tmp/f"].content'), ['MCL_UNKNOWN_SEND stdot']);
  t.deepEqual(codes('File["/tmp/g"].content -> File["/tmp/f"].content'), ['MCL_UNKNOWN_SEND content']);
  t.deepEqual(codes('Exec["e"].stdout -> File["/tmp/f"].contnt'), ['MCL_UNKNOWN_PARAM contnt']);
  t.deepEqual(codes('Exec["e"].exitcode -> File["/tmp/f"].content'), ['MCL_SEND_RECV_MISMATCH content']);
  t.deepEqual(codes('Exec["e"].stdout -> File["/tmp/f"].content\nExec["x"].stdout -> File["/tmp/f"].content'), [
    'MCL_DUPLICATE_RECV Exec["x"].stdout -> File["/tmp/f"].content',
  ]);
});

test('the messages name the kinds, outputs and types', (t) => {
  const messages = (edges: string) => compile([{ path: 'm.mcl', text: program(edges) }], { registry }).diagnostics.map((d) => [d.message, d.hint]);
  t.deepEqual(messages('Exec["e"].stdot -> File["/tmp/f"].content'), [
    ['kind `exec` does not send `stdot`', 'did you mean `stdout`? it sends `output`, `stdout`, `stderr`, `exitcode`. See `mgmt docs exec`.'],
  ]);
  t.deepEqual(messages('Exec["e"].exitcode -> File["/tmp/f"].content'), [
    ['output `exitcode` of `exec` is int, but param `content` of `file` takes string', 'see `mgmt docs exec` and `mgmt docs file`'],
  ]);
  t.deepEqual(messages('Exec["e"].stdout -> File["/tmp/f"].content\nExec["x"].stdout -> File["/tmp/f"].content'), [
    ['`file[/tmp/f].content` receives from both `exec[e].stdout` and `exec[x].stdout`', 'a param receives from one sender only: remove one of these edges'],
  ]);
});
