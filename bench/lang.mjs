#!/usr/bin/env node
// Language benchmarks (issue #4): parse + check + evaluate time and peak memory of generated
// programs of 100, 1,000 and 10,000 lines, cold (no parse cache) and warm (cached ASTs), each
// in a fresh process; then the re-evaluation latency of a running agent from a `file.read`
// input change to the managed file holding the new value.
// Runs the built packages (after `npm ci` or `npx tsc -b`): `node bench/lang.mjs [--quick]`.
// Prints a Markdown section and writes it to bench/LANG.md; bench/run.mjs includes it.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'packages/cli/dist/bin.js');
const quick = process.argv.includes('--quick');
const work = mkdtempSync(join(tmpdir(), 'mgmt-bench-lang-'));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];

/**
 * A program of about `lines` lines that uses what real configurations use: variables,
 * interpolation, conditionals, a class included per group, a loop, functions and edges.
 * Blocks of 20 lines repeat with fresh names.
 */
function program(lines) {
  const out = [
    'class site($name, $port = 80) {',
    '\tfile "/srv/${name}/" { state => "exists", }',
    '\tfile "/srv/${name}/port" { content => "${port}\\n", mode => "0644", }',
    '}',
    'func label($s, $n) { strings.to_upper($s) + "-" + fmt.printf("%d", $n) }',
  ];
  for (let b = 0; out.length < lines; b++) {
    out.push(
      `# block ${b}`,
      `$name${b} = "svc${b}"`,
      `$port${b} = 8000 + ${b}`,
      `$on${b} = $port${b} % 2 == 0`,
      `include site($name${b}, $port${b})`,
      `file "/etc/app${b}.conf" {`,
      `\tcontent => "name=\${label($name${b}, ${b})}\\nport=\${$port${b}}\\n",`,
      `\tmode => if $on${b} { "0640" } else { "0644" },`,
      '}',
      `for $i in [1, 2, 3] {`,
      `\tfile "/var/lib/app${b}/part\${$i}" { content => "part \${$i} of ${b}\\n", }`,
      '}',
      `file "/var/lib/app${b}/" { state => "exists", }`,
      `exec "reload${b}" { cmd => "true", }`,
      `File["/etc/app${b}.conf"] -> Exec["reload${b}"]`,
      `if $on${b} && strings.has_prefix($name${b}, "svc") {`,
      `\tfile "/etc/app${b}.even" { content => "even\\n", }`,
      '} else {',
      `\tfile "/etc/app${b}.odd" { content => "odd\\n", }`,
      '}',
    );
  }
  return out.join('\n') + '\n';
}

// One compile in a fresh process: wall ms of each step and the process's peak RSS.
const child = `
const t0 = performance.now();
const { compile } = await import(${JSON.stringify(join(ROOT, 'packages/lang/dist/index.js'))});
const { createRegistry } = await import(${JSON.stringify(join(ROOT, 'packages/resource/dist/index.js'))});
const file = (await import(${JSON.stringify(join(ROOT, 'packages/plugin-file/dist/index.js'))})).default;
const exec = (await import(${JSON.stringify(join(ROOT, 'packages/plugin-exec/dist/index.js'))})).default;
const fs = await import('node:fs');
const registry = createRegistry([file, exec]);
const path = process.argv[1];
const tLoad = performance.now();
const r = compile([{ path, text: fs.readFileSync(path, 'utf8') }], { registry, cacheDir: process.argv[2] || undefined, hostname: 'bench', env: {} });
const tDone = performance.now();
const errors = r.diagnostics.filter((d) => d.severity === 'error');
if (errors.length) { console.error(JSON.stringify(errors.slice(0, 3))); process.exit(1); }
console.log(JSON.stringify({ load: tLoad - t0, compile: tDone - tLoad, resources: r.graph.resources.length, rss: process.resourceUsage().maxRSS / 1024 }));
`;
function compileOnce(path, cacheDir) {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', child, path, cacheDir ?? ''], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`compile of ${path} failed:\n${r.stderr.slice(-2000)}`);
  return JSON.parse(r.stdout);
}

const rows = [
  '### Language: parse + check + evaluate (one process per run, median of 5)',
  '',
  '| program | resources | cold (no cache) | warm (cached ASTs) | peak RSS (cold) |',
  '|---|---|---|---|---|',
];
for (const lines of quick ? [100, 1000] : [100, 1000, 10000]) {
  const path = join(work, `p${lines}.mcl`);
  const text = program(lines);
  writeFileSync(path, text);
  const cold = [];
  const warm = [];
  for (let k = 0; k < 5; k++) {
    const cache = join(work, `cache-${lines}-${k}`);
    cold.push(compileOnce(path, cache));
    warm.push(compileOnce(path, cache));
  }
  const ms = (rs) => `${median(rs.map((r) => r.compile)).toFixed(0)} ms`;
  const row = `| ${text.split('\n').length - 1} lines | ${cold[0].resources} | ${ms(cold)} | ${ms(warm)} | ${median(cold.map((r) => r.rss)).toFixed(0)} MB |`;
  rows.push(row);
  console.log(row);
}
rows.push('', 'Module loading (node, Ohm, zod, the plugins) is not included: about ' +
  `${median([compileOnce(join(work, 'p100.mcl')).load]).toFixed(0)} ms per process, once.`);

// Re-evaluation: an agent whose managed file's content comes from file.read(INPUT).
const trials = quick ? 10 : 30;
const dir = join(work, 'reeval');
const input = join(work, 'input.txt');
const target = join(dir, 'out');
writeFileSync(input, 'v0\n');
const prog = join(work, 'reeval.mcl');
// 1,000 other files beside it: a re-evaluation evaluates the whole program, the swap runs one.
const others = Array.from({ length: 1000 }, (_, i) => `file "${dir}/other${i}" { content => "${i}\\n", }`).join('\n');
writeFileSync(prog, `file "${dir}/" { state => "exists", }\nfile "${target}" { content => file.read("${input}"), }\n${others}\n`);
const agent = spawn(process.execPath, [BIN, 'run', '--log-level=warn', prog], { stdio: 'ignore', env: { ...process.env, MGMT_CACHE_DIR: join(work, 'cache-agent') } });
const has = (want) => existsSync(target) && readFileSync(target, 'utf8') === want;
const waitFor = (cond, ms) => new Promise((resolve, reject) => {
  const t0 = Date.now();
  const tick = () => (cond() ? resolve() : Date.now() - t0 > ms ? reject(new Error('timeout')) : setTimeout(tick, 1));
  tick();
});
await waitFor(() => has('v0\n'), 30000);
await new Promise((r) => setTimeout(r, 500));
const lat = [];
for (let i = 1; i <= trials; i++) {
  const want = `v${i}\n`;
  const t0 = process.hrtime.bigint();
  writeFileSync(input, want);
  await waitFor(() => has(want), 10000);
  lat.push(Number(process.hrtime.bigint() - t0) / 1e6);
  await new Promise((r) => setTimeout(r, 50));
}
const exited = new Promise((r) => agent.on('close', r));
agent.kill('SIGTERM');
await exited;
rows.push(
  '',
  `### Re-evaluation: a \`file.read\` input edited, until the managed file holds the new value (${trials} trials, program of 1,002 files)`,
  '',
  '| median | p99 | max |',
  '|---|---|---|',
  `| ${median(lat).toFixed(1)} ms | ${pct(lat, 0.99).toFixed(1)} ms | ${Math.max(...lat).toFixed(1)} ms |`,
);
console.log(rows.at(-1));
rmSync(work, { recursive: true, force: true });
writeFileSync(join(ROOT, 'bench/LANG.md'), rows.join('\n') + '\n');
console.log('wrote bench/LANG.md');
