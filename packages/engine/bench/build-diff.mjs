#!/usr/bin/env node
// Issue #5: what `engine.build` and `diffGraph` cost when one resource of a big program
// changed. Compiles the scale bench's program (N file resources, one of them `file.read` of
// an input) once per input value, each a fresh ResourceGraph as the reactive loop gets, then
// times rebuilding and diffing it against the previous build with one long-lived Engine, as
// the CLI does. Uses the built packages: `npx tsc -b packages/engine` first.
// Usage: node packages/engine/bench/build-diff.mjs [N=10000] [rounds=7]
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

const N = Number(process.argv[2] ?? 10000);
const ROUNDS = Number(process.argv[3] ?? 7);
const { loadProgram } = await import('@mgmt/lang');
const { Engine, diffGraph } = await import('@mgmt/engine');
const { createRegistry } = await import('@mgmt/resource');
const registry = createRegistry([(await import('@mgmt/plugin-file')).default, (await import('@mgmt/plugin-exec')).default]);

const work = mkdtempSync(join(tmpdir(), 'mgmt-build-diff-'));
const dir = join(work, 'files');
mkdirSync(dir);
const input = join(work, 'input');
const lines = [`file "${dir}/" { state => "exists", }`, `file "${dir}/reactive" { content => file.read("${input}"), }`];
for (let i = 1; i < N; i++) lines.push(`file "${dir}/f${i}" { content => "i am file ${i}\\n", mode => "0644", }`);
const program = join(work, 'main.mcl');
writeFileSync(program, lines.join('\n') + '\n');

const graphs = [];
for (let k = 0; k <= ROUNDS; k++) {
  writeFileSync(input, `value ${k}\n`);
  const r = await loadProgram(program, { registry, hostname: 'bench', cacheDir: join(work, 'cache') });
  if (!r.graph) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
  graphs.push(r.graph);
}
rmSync(work, { recursive: true, force: true });

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const engine = new Engine({ registry });
const t0 = performance.now();
let last = engine.build(graphs[0]).graph;
const first = performance.now() - t0;
const builds = [];
const diffs = [];
for (const g of graphs.slice(1)) {
  const b0 = performance.now();
  const built = engine.build(g);
  const b1 = performance.now();
  if (!built.graph) throw new Error(built.diagnostics.map((d) => d.message).join('\n'));
  const diff = diffGraph(last.nodes, built.graph);
  const d1 = performance.now();
  if (diff.changed.length !== 1 || diff.added.length + diff.removed.length !== 0) throw new Error(`unexpected diff ${JSON.stringify(diff.changed)}`);
  builds.push(b1 - b0);
  diffs.push(d1 - b1);
  last = built.graph;
}
const f = (x) => `${x.toFixed(1)} ms`;
console.log(`${N} resources, load ${loadavg()[0].toFixed(1)}: first build ${f(first)}; one-changed rebuild median ${f(median(builds))} (${builds.map((x) => x.toFixed(0)).join(', ')}); diff median ${f(median(diffs))} (${diffs.map((x) => x.toFixed(0)).join(', ')})`);
