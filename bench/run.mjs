#!/usr/bin/env node
// Every benchmark, one command: `npm run bench` (after `npm ci`). Runs the built CLI
// (packages/cli/dist) as a user would and writes bench/RESULTS.md: its own sections (exec
// graphs, N files, drift repair), then those of the other scripts here, each run in turn
// and also runnable alone (lang.mjs, scale.mjs, svc-pkg.mjs, world.mjs; each writes its
// own .md). `--quick` skips the 10,000-file rows, runs 50 drift trials instead of 200, and
// passes --quick on; `--skip=lang,world` leaves those scripts out.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, watch, writeFileSync, readFileSync, unlinkSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'packages/cli/dist/bin.js');
const quick = process.argv.includes('--quick');
const hasTime = existsSync('/usr/bin/time');
const work = mkdtempSync(join(tmpdir(), 'mgmt-bench-'));
// A parse cache of the bench's own: each first apply parses a new program (cold), and each
// re-check finds the program it has just parsed (warm), as an agent re-run would.
process.env.MGMT_CACHE_DIR = join(work, 'cache');

/** Runs a command, returns wall seconds and peak RSS (MB) of the process. */
function timed(args, env = {}) {
  const cmd = hasTime ? ['/usr/bin/time', '-f', 'RSS %M', ...args] : args;
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd[0], cmd.slice(1), { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 1 << 28 });
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}\n${r.stderr.slice(-2000)}`);
  const rss = /RSS (\d+)/.exec(r.stderr ?? '');
  return { s, rssMb: rss ? Number(rss[1]) / 1024 : NaN };
}

const mgmtRun = (file, extra = []) => timed([process.execPath, BIN, 'run', '--converged-timeout=0', '--log-level=warn', ...extra, file]);
const write = (name, text) => {
  const f = join(work, name);
  writeFileSync(f, text);
  return f;
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
const rows = [];
const row = (...cells) => {
  rows.push(`| ${cells.join(' | ')} |`);
  console.log(cells.join('  '));
};

// 1. Exec graphs: wall time against the longest chain (the ideal).
const execs = (names, sleep) => names.map((n) => `exec "${n}" { cmd => "sleep ${sleep}", }`).join('\n');
const graphs = [
  ['graph8: exec1 -> exec2 -> exec3 plus exec4, sleep 1', 3.0,
    `${execs(['exec1', 'exec2', 'exec3', 'exec4'], 1)}\nExec["exec1"] -> Exec["exec2"] -> Exec["exec3"]\n`],
  ['8 independent chains of 3 x sleep 0.5', 1.5,
    Array.from({ length: 8 }, (_, c) => `${execs([`c${c}a`, `c${c}b`, `c${c}c`], 0.5)}\nExec["c${c}a"] -> Exec["c${c}b"] -> Exec["c${c}c"]`).join('\n')],
  ['1 root exec, 50 children, sleep 0.2 each', 0.4,
    `${execs(['root'], 0.2)}\n` + Array.from({ length: 50 }, (_, i) => `exec "k${i}" { cmd => "sleep 0.2", }\nExec["root"] -> Exec["k${i}"]`).join('\n')],
];
// The seed's demo itself (sleep 10): the issue's figure is wall time / longest chain (30 s).
if (!quick) {
  rows.push('### Parallel demo: examples/seed/parallel.mcl (graph8, sleep 10)', '', '| wall | longest chain | ratio | peak RSS |', '|---|---|---|---|');
  const r = mgmtRun(join(ROOT, 'examples/seed/parallel.mcl'));
  row(`${r.s.toFixed(2)} s`, '30.0 s', (r.s / 30).toFixed(4), `${r.rssMb.toFixed(0)} MB`);
  rows.push('');
}
rows.push('### Exec graphs (one-shot, `--converged-timeout=0`)', '', '| graph | wall (median of 3) | ideal | ratio | peak RSS |', '|---|---|---|---|---|');
for (const [title, ideal, text] of graphs) {
  const f = write(`g${rows.length}.mcl`, text);
  const runs = [0, 1, 2].map(() => mgmtRun(f));
  const s = median(runs.map((r) => r.s));
  row(title, `${s.toFixed(2)} s`, `${ideal.toFixed(1)} s`, (s / ideal).toFixed(3), `${median(runs.map((r) => r.rssMb)).toFixed(0)} MB`);
}

// 2. N files in one directory: first apply, converged re-check, and a bare node loop as the floor.
rows.push('', '### N file resources in one directory', '', '| N | first apply (median of 3) | converged re-check | peak RSS | bare node loop (floor) |', '|---|---|---|---|---|');
for (const n of quick ? [1000] : [1000, 10000]) {
  const firsts = [];
  const agains = [];
  const floors = [];
  for (let k = 0; k < 3; k++) {
    // A fresh directory per run: a first apply must create every file.
    const dir = join(work, `files${n}-${k}`) + '/';
    const lines = [`file "${dir}" { state => "exists", }`];
    for (let i = 0; i < n; i++) lines.push(`file "${dir}f${i}" { content => "i am file ${i}\\n", mode => "0644", }`);
    const f = write(`files${n}-${k}.mcl`, lines.join('\n') + '\n');
    firsts.push(mgmtRun(f));
    agains.push(mgmtRun(f));
    const floorDir = join(work, `floor${n}-${k}`);
    floors.push(timed([process.execPath, '-e',
      `const fs=require('fs');fs.mkdirSync(${JSON.stringify(floorDir)});for(let i=0;i<${n};i++){const p=${JSON.stringify(floorDir)}+'/f'+i;fs.writeFileSync(p,'i am file '+i+'\\n');fs.chmodSync(p,0o644)}`]));
  }
  const rss = Math.max(...firsts.map((r) => r.rssMb), ...agains.map((r) => r.rssMb));
  const med = (rs) => `${median(rs.map((r) => r.s)).toFixed(2)} s`;
  row(n.toLocaleString('en'), med(firsts), med(agains), `${rss.toFixed(0)} MB`, med(floors));
}

// 3. Drift repair: delete a managed file behind the agent's back, time until it is back.
const trials = quick ? 50 : 200;
const ddir = join(work, 'drift');
const target = join(ddir, 'managed');
const df = write('drift.mcl', `file "${ddir}/" { state => "exists", }\nfile "${target}" { content => "repair me\\n", }\n`);
// 200 deletions in a few seconds is exactly what flap detection reports and backs off from
// (by design); switch it off to measure the repair path itself.
const agent = spawn(process.execPath, [BIN, 'run', '--log-level=warn', '--flap=off', df], { stdio: 'ignore' });
const waitFor = (cond, ms) => new Promise((resolve, reject) => {
  const t0 = Date.now();
  const tick = () => (cond() ? resolve() : Date.now() - t0 > ms ? reject(new Error('timeout')) : setTimeout(tick, 5));
  tick();
});
await waitFor(() => existsSync(target), 20000);
await new Promise((r) => setTimeout(r, 300));
const lat = [];
const watcher = watch(ddir);
for (let i = 0; i < trials; i++) {
  const back = new Promise((resolve) => {
    const on = () => {
      if (existsSync(target) && readFileSync(target, 'utf8') === 'repair me\n') {
        watcher.off('change', on);
        resolve(process.hrtime.bigint());
      }
    };
    watcher.on('change', on);
  });
  const t0 = process.hrtime.bigint();
  unlinkSync(target);
  lat.push(Number((await back) - t0) / 1e6);
  await new Promise((r) => setTimeout(r, 20));
}
watcher.close();
const exited = new Promise((r) => agent.on('close', r));
agent.kill('SIGTERM');
await exited;
rows.push('', `### Drift repair (delete a managed file, time until it is back; ${trials} trials)`, '', '| median | p99 | max |', '|---|---|---|');
row(`${median(lat).toFixed(2)} ms`, `${pct(lat, 0.99).toFixed(2)} ms`, `${Math.max(...lat).toFixed(2)} ms`);
rmSync(work, { recursive: true, force: true });

// 4. The other scripts, each a section of its own (a script that fails is reported, not fatal).
const SUBS = [['lang', 'LANG.md'], ['scale', 'SCALE.md'], ['svc-pkg', 'SVC-PKG.md'], ['world', 'WORLD.md']];
const skip = new Set((process.argv.find((a) => a.startsWith('--skip=')) ?? '--skip=').slice(7).split(',').filter(Boolean));
for (const [name, md] of SUBS) {
  const script = join(ROOT, `bench/${name}.mjs`);
  if (skip.has(name) || !existsSync(script)) continue;
  console.log(`\n== bench/${name}.mjs`);
  const r = spawnSync(process.execPath, [script, ...(quick ? ['--quick'] : [])], { stdio: 'inherit' });
  if (r.status !== 0) {
    rows.push('', `### bench/${name}.mjs failed (exit ${r.status}); run it alone to see why`);
    continue;
  }
  // Their top headings become sections of this page.
  rows.push('', readFileSync(join(ROOT, 'bench', md), 'utf8').trim().replace(/^# /, '## '));
}

const git = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim();
const head = [
  '# Benchmark results',
  '',
  `Written by \`npm run bench${quick ? ' -- --quick' : ''}\` (bench/run.mjs) at commit ${git}, ${new Date().toISOString().slice(0, 10)}.`,
  `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}. Wall times include process start and parsing.`,
  'Peers on this machine kind are in ../shared/TARGETS.md (Puppet, Ansible, CFEngine).',
  '',
];
const notes = [
  '',
  '### Reading the figures',
  '',
  '- The peers (../shared/TARGETS.md, same machine kind): CFEngine, the fastest, takes 0.45 s for a',
  '  1,000-file first apply and 0.30 s for the converged re-check; Puppet 5.22 s and 3.38 s. On the',
  '  exec graphs the peers run one resource at a time: graph8 4.08–5.58 s, 8 chains 12.2–16.6 s,',
  '  the 50-child fan-out 10.6–19.8 s; they repair a deleted file only at their next run (300–1800 s).',
  '- Every wall time here includes node start-up and loading the modules (about 0.16 s for an empty',
  '  program), which is most of the gap between "wall" and "ideal" on the exec graphs.',
  '- The file rows depend heavily on the disk: the bare node loop (the floor) writes the same files',
  '  with no checks at all. On this virtual disk it has measured anywhere from 0.03 s to 0.6 s for',
  '  1,000 files within one session, so compare a row with its own floor.',
  '- Re-checks find the program in the parse cache (`~/.cache/mgmt`, here a per-bench directory);',
  '  first applies parse a new program each time.',
];
writeFileSync(join(ROOT, 'bench/RESULTS.md'), [...head, ...rows, ...notes, ''].join('\n'));
console.log('wrote bench/RESULTS.md');
