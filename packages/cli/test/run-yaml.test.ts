import test from 'ava';
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CollectedResource } from '@mgmt/lang';
import { createRegistry, type Diagnostic } from '@mgmt/resource';
import execPlugin from '@mgmt/plugin-exec';
import filePlugin from '@mgmt/plugin-file';
import { compileYaml } from '../src/yaml/compile-yaml.js';
import { jsonLines, mgmt, ROOT, startMgmt, tempDir, until } from './helpers.js';

const registry = createRegistry([filePlugin, execPlugin]);

/** An example from examples/yaml/ with its text rewritten (shorter sleeps, paths off /tmp). */
async function example(name: string, rewrite: (text: string) => string): Promise<string> {
  const file = join(await tempDir(), name);
  await writeFile(file, rewrite(await readFile(join(ROOT, 'examples/yaml', name), 'utf8')));
  return file;
}

async function yamlFile(text: string): Promise<string> {
  const file = join(await tempDir(), 'graph.yaml');
  await writeFile(file, text);
  return file;
}

async function compileText(text: string, collected: readonly CollectedResource[] = []) {
  const file = await yamlFile(text);
  return compileYaml(file, { registry, hostname: 'a', collected });
}

const codes = (ds: readonly Diagnostic[]) => ds.map((d) => `${d.severity} ${d.code}`);

test('graph8: exec4 runs beside the chain, exec2 after exec1, exec3 after exec2', async (t) => {
  const file = await example('graph8.yaml', (s) => s.replaceAll('sleep 10s', 'sleep 1'));
  const r = await mgmt(['run', '--converged-timeout=0', '--log-format=json', '--log-level=debug', 'yaml', file]);
  t.is(r.code, 0, r.stderr);
  const lines = jsonLines(r.stdout);
  const at = (event: string, n: string) => lines.findIndex((l) => l['event'] === event && l['resource'] === `exec[${n}]`);
  for (const n of ['exec1', 'exec2', 'exec3', 'exec4']) t.not(at('changed', n), -1, `${n} ran`);
  t.true(at('applying', 'exec4') < at('changed', 'exec1'), 'exec4 starts before exec1 ends');
  t.true(at('applying', 'exec1') < at('changed', 'exec4'), 'exec1 starts before exec4 ends');
  t.true(at('changed', 'exec1') < at('applying', 'exec2'), 'exec2 waits for exec1');
  t.true(at('changed', 'exec2') < at('applying', 'exec3'), 'exec3 waits for exec2');
  const summary = lines.find((l) => l['event'] === 'summary');
  t.like(summary, { total: 4, converged: 4, failed: 0 });
  t.true((summary!['elapsedMs'] as number) < 3900, 'a chain of three, not four in a row');
  t.notRegex(r.stderr, /warning/, 'the Go zero values load without a word');
});

test('graph3: one host exports two files and collects them back under the pattern', async (t) => {
  const base = await tempDir();
  const file = await example('graph3a.yaml', (s) => s.replaceAll('/tmp/', `${base}/`));
  const r = await mgmt(['run', '--hostname', 'a', '--converged-timeout', '0', 'yaml', file]);
  t.is(r.code, 0, r.stderr + r.stdout);
  const dir = join(base, 'mgmtA');
  t.deepEqual((await readdir(dir)).sort(), ['f1a', 'f2a', 'f3a', 'f4a']);
  t.is(await readFile(join(dir, 'f1a'), 'utf8'), 'i am f1, managed by host A\n');
  t.is(await readFile(join(dir, 'f3a'), 'utf8'), 'i am f3, exported by host A\n');
  t.is(await readFile(join(dir, 'f4a'), 'utf8'), 'i am f4, exported by host A\n');
});

test('a broken YAML file: file:line:col, a caret, and nothing applied', async (t) => {
  const dir = await tempDir();
  const file = await yamlFile(`graph: g
resources:
  file:
  - name: good
    path: ${dir}/good
    content: "fine"
  - name: bad
    path: ${dir}/bad
     content: "mis-indented"
`);
  const r = await mgmt(['run', '--converged-timeout', '0', 'yaml', file]);
  t.is(r.code, 2);
  // The yaml package places it at the value of the line above: that is where the mapping broke.
  t.regex(r.stderr, new RegExp(`${file.replaceAll('/', '\\/')}:8:11 - error YAML_SYNTAX: Nested mappings are not allowed`));
  t.regex(r.stderr, /> 8 \|\s+path: \S+\n\s+\|\s+\^/);
  t.regex(r.stderr, /1 error; nothing was applied/, 'one error for one mistake');
  t.regex(r.stderr, /nothing was applied/);
  t.false(existsSync(join(dir, 'good')), 'the valid resource was not applied either');
});

test('a mapping error anywhere applies nothing, and points at the field', async (t) => {
  const dir = await tempDir();
  const file = await yamlFile(`graph: g
resources:
  file:
  - name: good
    path: ${dir}/good
    content: "fine"
  - name: bad
    path: ${dir}/bad
    mdoe: "0644"
`);
  const r = await mgmt(['run', '--converged-timeout', '0', 'yaml', file]);
  t.is(r.code, 2);
  t.regex(r.stderr, /graph\.yaml:9:5 - error YAML_UNKNOWN_PARAM: kind `file` has no param `mdoe`/);
  t.regex(r.stderr, /hint: did you mean `mode`\?/);
  t.false(existsSync(join(dir, 'good')));
});

test('an unknown kind names the plugin to add', async (t) => {
  const file = await yamlFile('graph: g\nresources:\n  noop:\n  - name: noop1\n');
  const r = await mgmt(['run', '--converged-timeout', '0', 'yaml', file]);
  t.is(r.code, 2);
  t.regex(r.stderr, /graph\.yaml:3:3 - error YAML_UNKNOWN_KIND: no plugin provides kind `noop`/);
  t.regex(r.stderr, /hint: run `mgmt plugin add mgmt-plugin-noop`/);
});

test('`mgmt run yaml` without a file, or a second program, is a usage error', async (t) => {
  const bare = await mgmt(['run', 'yaml']);
  t.is(bare.code, 2);
  t.regex(bare.stderr, /needs the graph file/);
  const two = await mgmt(['run', 'examples/seed/files.mcl', 'other.mcl']);
  t.is(two.code, 2);
  t.regex(two.stderr, /unexpected argument 'other\.mcl'/);
});

test('Go params map to ours: zero values left out, dirname/basename joined, octal modes kept as written', async (t) => {
  const r = await compileText(`graph: g
resources:
  file:
  - name: f
    path: /tmp/x/old
    dirname: /srv/
    basename: new
    mode: 0644
    content: ''
    state: ''
  exec:
  - name: e
    cmd: sleep 1
    shell: ''
    timeout: 0
    watchcmd: ''
    ifcmd: ''
    pollint: 0
    state: present
    meta: {retry: -1, delay: 100, limit: .inf, burst: 0, autogroup: true, noop: yes}
edges:
- {name: e1, from: {kind: Exec, name: e}, to: {kind: file, name: f}, notify: true}
`);
  t.deepEqual(codes(r.diagnostics), []);
  const [file, exec] = r.graph!.resources;
  t.like(file, { kind: 'file', name: 'f', params: { path: '/srv/new', mode: '0644', content: '' } });
  t.false('state' in file!.params);
  t.like(exec!.params, { cmd: 'sleep 1', shell: '/bin/sh' });
  for (const unset of ['timeout', 'watchcmd', 'ifcmd', 'state', 'pollint']) t.false(unset in exec!.params, unset);
  t.like(exec!.meta, { retry: -1, delay: 100, limit: 0, burst: 1, noop: true });
  t.deepEqual(r.graph!.edges, [{ from: { kind: 'exec', name: 'e' }, to: { kind: 'file', name: 'f' }, notify: true }]);
  t.deepEqual(r.inputs.files.length, 1, 'the graph file itself is watched');
});

test('Go params with no equivalent: harmless ones are dropped with a warning, the rest refused', async (t) => {
  const dropped = await compileText(`graph: g
resources:
  exec:
  - {name: e, cmd: 'echo a | wc -l', pollint: 5, state: absent}
`);
  t.deepEqual(codes(dropped.diagnostics), ['warning YAML_DROPPED', 'warning YAML_DROPPED', 'warning YAML_DROPPED']);
  t.truthy(dropped.graph, 'warnings never stop a run');
  const refused = await compileText(`graph: g
resources:
  file:
  - {name: f, path: /tmp/d/, recurse: true, force: false}
  exec:
  - {name: e, cmd: 'true', shell: /bin/sh, watchcmd: 'tail -F /x', watchshell: /bin/bash}
  - {name: "@@x", cmd: 'true', meta: {noop: true}}
remote: ssh://somewhere
collect:
- {kind: exec}
`);
  t.deepEqual(codes(refused.diagnostics), ['error YAML_UNSUPPORTED', 'error YAML_UNSUPPORTED', 'error YAML_EXPORTED_META', 'error YAML_UNSUPPORTED', 'error YAML_UNSUPPORTED']);
  t.regex(refused.diagnostics.at(-1)!.message, /collecting `exec` is not supported: .*`where`/);
  t.is(refused.graph, undefined);
  t.deepEqual(refused.exports, []);
});

test('exports and collects: `@@` names are exported, collected files re-homed, bad exports are errors naming the host', async (t) => {
  const text = `graph: g
resources:
  file:
  - {name: mine, path: /srv/c/mine, content: "m"}
  - {name: "@@out", path: /elsewhere/out, content: "o"}
collect:
- {kind: file, pattern: /srv/c/}
edges:
- {from: {kind: file, name: from-b}, to: {kind: file, name: mine}}
`;
  const alone = await compileText(text);
  t.is(alone.exports.length, 1);
  t.like(alone.exports[0], { kind: 'file', name: 'out', params: { path: '/elsewhere/out', content: 'o' } });
  t.deepEqual(alone.collects, ['file']);
  t.deepEqual(alone.graph!.edges, [], 'an edge to a resource not collected yet waits for it');

  const fromB: CollectedResource = { host: 'b', kind: 'file', name: 'from-b', params: { path: '/tmp/b/f3b', content: 'b' } };
  const both = await compileText(text, [fromB]);
  t.like(both.graph!.resources.find((r) => r.name === 'from-b'), { params: { path: '/srv/c/f3b', content: 'b' } });
  t.is(both.graph!.edges.length, 1);

  const bad = await compileText(text, [fromB, { host: 'evil', kind: 'file', name: 'x', params: { path: '/tmp/x', mdoe: 1 } }]);
  t.deepEqual(codes(bad.diagnostics), ['error YAML_COLLECTED_INVALID']);
  t.regex(bad.diagnostics[0]!.message, /file\[x\], collected from host evil/);
});

test('the version 1 format is read; version 2 is refused by name, an unknown field with a suggestion', async (t) => {
  const v1 = await compileText('graph: g\nversion: 1\ncomment: hi\nresources: {}\nedges:\ncollect:\n');
  t.deepEqual(codes(v1.diagnostics), []);
  t.deepEqual(v1.graph, { resources: [], edges: [] });
  const v2 = await compileText('graph: g\nversion: 2\nedge: []\n');
  t.deepEqual(codes(v2.diagnostics), ['error YAML_UNSUPPORTED', 'error YAML_UNKNOWN_FIELD']);
  t.is(v2.diagnostics[1]!.hint, 'did you mean `edges`?');
});

test('an edge to a resource nobody declares is an error with a suggestion', async (t) => {
  const r = await compileText(`graph: g
resources:
  exec:
  - {name: exec1, cmd: 'true'}
  - {name: "@@shared", cmd: 'true'}
edges:
- {from: {kind: exec, name: exec1}, to: {kind: exec, name: exec2}}
- {from: {kind: exec, name: shared}, to: {kind: exec, name: exec1}}
`);
  t.deepEqual(codes(r.diagnostics), ['error YAML_UNKNOWN_EDGE_TARGET', 'error YAML_UNKNOWN_EDGE_TARGET']);
  t.is(r.diagnostics[0]!.hint, 'did you mean `exec1`?');
  t.regex(r.diagnostics[1]!.hint!, /exported/);
});

test('an edit to the graph file is applied while the agent runs', async (t) => {
  const dir = await tempDir();
  const graph = (content: string) => `graph: g\nresources:\n  file:\n  - {name: f, path: ${dir}/f, content: "${content}"}\n`;
  const file = await yamlFile(graph('one'));
  const agent = startMgmt(['run', 'yaml', file]);
  t.teardown(() => agent.kill('SIGKILL'));
  const read = async () => (existsSync(join(dir, 'f')) ? readFile(join(dir, 'f'), 'utf8') : '');
  await until(async () => (await read()) === 'one');
  await writeFile(file, graph('two'));
  await until(async () => (await read()) === 'two');
  agent.kill('SIGTERM');
  await new Promise((resolve) => agent.on('close', resolve));
  t.regex(agent.out(), /re-evaluated: 1 changed \(file\[f\]\)/);
});
