#!/usr/bin/env node
// Issue #7: repair latency of svc and pkg, as a user sees it, with the BUILT cli
// (packages/cli/dist/bin.js, so `npx tsc -b` first) running as an agent. Writes bench/SVC-PKG.md.
//   node bench/svc-pkg.mjs                   # both; the pkg part needs root and apt lists
//   SVC_TRIALS=50 PKG_TRIALS=5 node bench/svc-pkg.mjs
// 1. svc: the systemd double of plugin-svc's tests (run through tsx in a child process) on a
//    private dbus-daemon; `dbus-send … StopUnit` (another bus client, as `systemctl stop`),
//    timed in the double from the unit going inactive to the unit active again.
// 2. pkg: real apt; `dpkg -r sl` behind the agent's back, timed until dpkg-query says installed.
//    The agent's debug log (JSON) and a timing wrapper around apt-get split the repair into
//    detection, queue wait and the apt-get run. sl is left as it was found.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, watch, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'packages/cli/dist/bin.js');
const SVC_TRIALS = Number(process.env.SVC_TRIALS ?? 50);
const PKG_TRIALS = Number(process.env.PKG_TRIALS ?? 5);
/** How long the double's start/stop jobs take (its default): systemd's own share, not the agent's. */
const JOB_MS = 20;
const PKG = 'sl';

if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run \`npx tsc -b\` first`);
const work = mkdtempSync(join(tmpdir(), 'mgmt-bench-svc-pkg-'));
process.env.MGMT_CACHE_DIR = join(work, 'cache');
const cleanups = [];
const out = [];
const say = (line = '') => {
  out.push(line);
  console.log(line);
};

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const sorted = (xs) => [...xs].sort((a, b) => a - b);
const median = (xs) => {
  const s = sorted(xs);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
/** Nearest-rank percentile: with 50 samples, p99 is the largest. */
const pct = (xs, p) => sorted(xs)[Math.min(xs.length - 1, Math.ceil(xs.length * p) - 1)];
/** Under 1 ms is below the log's resolution. */
const fMs = (ms) => (Math.abs(ms) < 1 ? 'under 1 ms' : `${ms.toFixed(1)} ms`);
const f1 = (ms) => (ms === undefined || Number.isNaN(ms) ? '–' : ms.toFixed(1));

/** Collects a child's stdout lines (JSON when it parses), each with the wall time it arrived. */
function lines(child) {
  const got = [];
  const waiters = new Set();
  createInterface({ input: child.stdout }).on('line', (text) => {
    let json;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    got.push({ at: Date.now(), text, json });
    for (const w of waiters) w();
  });
  /** Resolves with the first line from index `from` on that `pred` accepts; rejects after `ms`. */
  const wait = (pred, from = 0, ms = 20_000) => new Promise((resolve, reject) => {
    const check = () => {
      for (let i = from; i < got.length; i++) {
        if (pred(got[i])) {
          waiters.delete(check);
          clearTimeout(timer);
          resolve({ ...got[i], index: i });
          return;
        }
      }
    };
    const timer = setTimeout(() => {
      waiters.delete(check);
      reject(new Error(`timed out after ${ms} ms; last lines:\n${got.slice(-8).map((l) => l.text).join('\n')}`));
    }, ms);
    waiters.add(check);
    check();
  });
  return { got, wait };
}

/** `mgmt run` of the built cli on `file`, flap backoff off, log lines as JSON on stdout. */
function agent(file, level, env = {}) {
  const child = spawn(process.execPath, [BIN, 'run', '--flap=off', '--log-format=json', `--log-level=${level}`, file], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((r) => child.on('close', r));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  cleanups.push(stop);
  return { child, log: lines(child), stop };
}

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`;
const git = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim();
const dirty = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim() !== '';
say('## svc and pkg repair latency (issue #7)');
say('');
say(`Written by \`node bench/svc-pkg.mjs\` (after \`npx tsc -b\`) at commit ${git}${dirty ? ' (plus uncommitted changes)' : ''}, ${new Date().toISOString().slice(0, 10)}.`);
say(`Machine: ${machine}. The agent is the built cli: \`mgmt run --flap=off\`.`);
say('');

// ---------------------------------------------------------------------------------------------
// 1. svc: a stopped service.

/** The double, its unit `bench.service`, and a line per Manager call and per ActiveState change. */
const DOUBLE_HOST = `
import { SystemdDouble } from ${JSON.stringify(pathToFileURL(join(ROOT, 'packages/plugin-svc/test/systemd-double.ts')).href)};
const say = (o) => process.stdout.write(JSON.stringify({ ...o, ns: String(process.hrtime.bigint()) }) + '\\n');
const double = await SystemdDouble.start(process.env.BENCH_BUS);
double.addUnit({ name: 'bench.service', active: 'inactive', jobDelayMs: Number(process.env.BENCH_JOB_MS) });
const setActive = double.setActive.bind(double);
double.setActive = (u, active) => {
  setActive(u, active);
  if (u.Id === 'bench.service') say({ state: active });
};
const log = double.log.bind(double);
double.log = (line) => {
  say({ call: line });
  log(line);
};
say({ ready: true });
process.stdin.on('end', () => {
  double.stop();
  process.exit(0);
});
process.stdin.resume();
`;

async function benchSvc() {
  const load = loadavg()[0];
  const dbus = execFileSync('dbus-daemon', ['--session', '--print-address=1', '--print-pid=1', '--fork'], { encoding: 'utf8', timeout: 10_000 });
  const [address, pid] = dbus.trim().split('\n');
  cleanups.push(async () => {
    try {
      process.kill(Number(pid), 'SIGTERM');
    } catch {
      // already gone
    }
  });
  const host = spawn(process.execPath, ['--import=tsx', '--conditions=@mgmt/source', '--input-type=module', '-e', DOUBLE_HOST], {
    cwd: ROOT,
    env: { ...process.env, BENCH_BUS: address, BENCH_JOB_MS: String(JOB_MS) },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const hostExited = new Promise((r) => host.on('close', r));
  cleanups.push(async () => {
    host.stdin.end();
    await hostExited;
  });
  const double = lines(host);
  await double.wait((l) => l.json?.ready);

  const program = join(work, 'svc.mcl');
  writeFileSync(program, 'svc "bench" { state => "running", }\n');
  const a = agent(program, 'info', { DBUS_SYSTEM_BUS_ADDRESS: address });
  await a.log.wait((l) => l.json?.event === 'converged');
  await double.wait((l) => l.json?.state === 'active');
  await sleep(300);

  const ns = (l) => BigInt(l.json.ns);
  const ms = (from, to) => Number(ns(to) - ns(from)) / 1e6;
  const total = [];
  const agentShare = [];
  const detect = [];
  const job = [];
  let lastFrom = 0;
  for (let i = 0; i < SVC_TRIALS; i++) {
    const from = double.got.length;
    lastFrom = from;
    // `systemctl stop bench`, from a client of its own.
    const stop = spawnSync('dbus-send', [`--bus=${address}`, '--print-reply', '--dest=org.freedesktop.systemd1', '/org/freedesktop/systemd1',
      'org.freedesktop.systemd1.Manager.StopUnit', 'string:bench.service', 'string:replace'], { encoding: 'utf8' });
    if (stop.status !== 0) throw new Error(`dbus-send StopUnit failed: ${stop.stderr}`);
    const down = await double.wait((l) => l.json?.state === 'inactive', from);
    const first = await double.wait((l) => l.json?.call !== undefined, down.index, 10_000);
    const call = await double.wait((l) => l.json?.call?.startsWith('StartUnit bench.service'), down.index, 10_000);
    const up = await double.wait((l) => l.json?.state === 'active', call.index, 10_000);
    total.push(ms(down, up));
    agentShare.push(ms(down, call));
    detect.push(ms(down, first));
    job.push(ms(call, up));
    // Let the agent's re-check of the restarted unit finish, so trials do not overlap.
    await sleep(100);
  }
  const applied = a.log.got.filter((l) => l.json?.event === 'changed').length;
  const lastCalls = double.got.slice(lastFrom).filter((l) => l.json?.call && !l.json.call.startsWith('StopUnit')).map((l) => l.json.call.split(' ')[0]);
  await a.stop();

  say(`### Stopped service: \`svc "bench" { state => "running", }\`, ${SVC_TRIALS} trials`);
  say('');
  say('The systemd double of `packages/plugin-svc/test` on a private dbus-daemon; each trial is a');
  say('`StopUnit` from another bus client (`dbus-send`, as `systemctl stop`). Timed in the double,');
  say(`from the unit going inactive (its PropertiesChanged and JobRemoved sent) to the unit active`);
  say(`again. The double's start job takes ${JOB_MS} ms (systemd's part, not the agent's). 1-min load`);
  say(`average at the start: ${load.toFixed(2)}.`);
  say('');
  say('| | median | p99 | max |');
  say('|---|---|---|---|');
  say(`| inactive → active again (what a user sees) | ${f1(median(total))} ms | ${f1(pct(total, 0.99))} ms | ${f1(Math.max(...total))} ms |`);
  say(`| detection: inactive → the agent's check reaches the double (its first call, LoadUnit) | ${f1(median(detect))} ms | ${f1(pct(detect, 0.99))} ms | ${f1(Math.max(...detect))} ms |`);
  say(`| the agent's part: inactive → its StartUnit arrives | ${f1(median(agentShare))} ms | ${f1(pct(agentShare, 0.99))} ms | ${f1(Math.max(...agentShare))} ms |`);
  say(`| the double's start job | ${f1(median(job))} ms | ${f1(pct(job, 0.99))} ms | ${f1(Math.max(...job))} ms |`);
  say('');
  say(`With ${SVC_TRIALS} trials p99 is the largest. The agent logged ${applied} changes (1 first start + ${applied - 1} repairs);`);
  say(`the Manager calls of one repair, as the double saw them: ${lastCalls.join(', ')} (the last one is the check after the restart).`);
  say('');
}

// ---------------------------------------------------------------------------------------------
// 2. pkg: a removed package, real apt.

const dpkgStatus = (name) => {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : 'unknown';
};
const isInstalled = (status) => status.split(' ')[2] === 'installed';

function pkgSkipReason() {
  if (process.getuid?.() !== 0) return 'not root';
  for (const tool of ['apt-get', 'dpkg', 'dpkg-query', 'apt-cache', 'bash']) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) return `no ${tool}`;
  }
  const lists = existsSync('/var/lib/apt/lists') ? readdirSync('/var/lib/apt/lists').filter((n) => n.includes('_Packages')) : [];
  if (lists.length === 0) return 'no apt lists (run `apt-get update`)';
  const policy = spawnSync('apt-cache', ['policy', PKG], { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } }).stdout;
  if (!/Candidate:\s*(?!\(none\))\S+/.test(policy)) return `apt offers no candidate for ${PKG}`;
  return undefined;
}

/** Another apt or dpkg is running (ours are not, between trials). */
const othersBusy = () => spawnSync('pgrep', ['-x', 'apt-get|apt|aptitude|dpkg|unattended-upgr'], { encoding: 'utf8' }).stdout.trim() !== '';
const HISTORY = '/var/log/apt/history.log';
/** apt transactions logged so far. */
const aptTransactions = () => (existsSync(HISTORY) ? readFileSync(HISTORY, 'utf8').match(/^Commandline:/gm)?.length ?? 0 : 0);

/** dpkg-query's answer, without blocking the event loop (the watchers' timestamps stay true). */
const dpkgStatusAsync = (name) => new Promise((resolve) => {
  const child = spawn('dpkg-query', ['-W', '-f=${Status}', name], { stdio: ['ignore', 'pipe', 'ignore'] });
  let text = '';
  child.stdout.on('data', (b) => (text += b));
  child.on('close', (code) => resolve(code === 0 ? text.trim() : 'unknown'));
});

async function benchPkg() {
  const reason = pkgSkipReason();
  if (reason) {
    say(`### Removed package (real apt): skipped, ${reason}`);
    say('');
    return;
  }
  const load = loadavg()[0];
  const before = dpkgStatus(PKG);
  const restore = async () => {
    for (let waited = 0; othersBusy() && waited < 120_000; waited += 500) await sleep(500);
    const now = dpkgStatus(PKG);
    if (isInstalled(before) || !isInstalled(now)) return;
    // Absent before: back to absent (purged when dpkg did not know it at all).
    const verb = before === 'unknown' || before.endsWith('not-installed') ? 'purge' : 'remove';
    spawnSync('apt-get', ['-y', '-q', '-o', 'DPkg::Lock::Timeout=120', verb, PKG], { stdio: 'ignore', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  };
  cleanups.push(restore);

  // apt-get on the agent's PATH that records when it ran (bash's clock, no extra process).
  const bin = join(work, 'bin');
  const aptLog = join(work, 'apt-get.log');
  mkdirSync(bin);
  const realAptGet = execFileSync('sh', ['-c', 'command -v apt-get'], { encoding: 'utf8' }).trim();
  writeFileSync(join(bin, 'apt-get'), `#!/bin/bash\ns=$EPOCHREALTIME\n${realAptGet} "$@"\nrc=$?\necho "$s $EPOCHREALTIME $*" >> ${aptLog}\nexit $rc\n`);
  chmodSync(join(bin, 'apt-get'), 0o755);
  const aptRuns = () => (existsSync(aptLog) ? readFileSync(aptLog, 'utf8').trim().split('\n').filter(Boolean) : []).map((l) => {
    const [s, e, ...args] = l.split(' ');
    return { start: Number(s) * 1000, end: Number(e) * 1000, args: args.join(' ') };
  });

  // Every write in /var/lib/dpkg (dpkg writes status-new and renames it over status) and in
  // its journal (updates/NNNN, one per state change, which dpkg-query reads too) asks
  // dpkg-query again, so a state is timed to the write that made it so.
  const statusWrites = [];
  const changes = [];
  let asking = false;
  let waiter;
  const ask = async () => {
    if (asking || !waiter) return;
    asking = true;
    const seen = changes.at(-1) ?? Date.now();
    const status = await dpkgStatusAsync(PKG);
    asking = false;
    if (waiter?.pred(status)) {
      waiter.resolve(seen);
      waiter = undefined;
    } else if ((changes.at(-1) ?? 0) > seen) void ask();
  };
  const onChange = (name) => {
    changes.push(Date.now());
    if (name === 'status') statusWrites.push(changes.at(-1));
    void ask();
  };
  const dpkgWatch = watch('/var/lib/dpkg', (_type, name) => onChange(name));
  const updatesWatch = watch('/var/lib/dpkg/updates', () => onChange('updates'));
  cleanups.push(async () => {
    dpkgWatch.close();
    updatesWatch.close();
  });
  /** The time of the dpkg write after which dpkg-query's status satisfies `pred` (also polled every 100 ms). */
  const dpkgSays = (pred) => new Promise((resolve) => {
    const poll = setInterval(() => void ask(), 100);
    waiter = {
      pred,
      poll,
      resolve: (t) => {
        clearInterval(poll);
        resolve(t);
      },
    };
    void ask();
  });
  const stopWaiting = () => {
    clearInterval(waiter?.poll);
    waiter = undefined;
  };

  const program = join(work, 'pkg.mcl');
  writeFileSync(program, `pkg "${PKG}" { state => "installed", backend => "apt", }\n`);
  const env = { PATH: `${bin}:${process.env.PATH}` };
  const a = agent(program, 'debug', env);
  const mine = (l) => l.json?.resource === `pkg[${PKG}]`;
  await a.log.wait((l) => l.json?.event === 'converged', 0, 300_000);
  if (!isInstalled(dpkgStatus(PKG))) throw new Error(`the agent converged but ${PKG} is not installed`);

  /** Waits until the agent has been quiet (no log line) for `ms`. */
  const quiet = async (ms) => {
    for (;;) {
      const last = a.log.got.at(-1)?.at ?? 0;
      if (Date.now() - last >= ms) return;
      await sleep(50);
    }
  };

  const trials = [];
  let redone = 0;
  const redo = (why) => {
    console.error(`pkg trial redone: ${why}`);
    if (++redone > 3 * PKG_TRIALS) throw new Error(`gave up: ${redone} trials disturbed by other package managers`);
  };
  while (trials.length < PKG_TRIALS) {
    // The machine may be shared: a trial needs dpkg to itself, and sl installed.
    const idleSince = Date.now();
    while (othersBusy() || !isInstalled(dpkgStatus(PKG))) {
      if (Date.now() - idleSince > 600_000) throw new Error('another package manager kept running for 10 minutes');
      await sleep(500);
    }
    await quiet(1500);
    const from = a.log.got.length;
    const writesFrom = statusWrites.length;
    const aptFrom = aptRuns().length;
    const transactions = aptTransactions();
    const t0 = Date.now();
    const gone = dpkgSays((s) => !isInstalled(s));
    const rm = spawn('dpkg', ['-r', PKG], { stdio: ['ignore', 'ignore', 'pipe'] });
    let rmErr = '';
    rm.stderr.on('data', (b) => (rmErr += b));
    const rmEnd = await new Promise((r) => rm.on('close', (code) => (code === 0 ? r(Date.now()) : r(NaN))));
    if (Number.isNaN(rmEnd)) {
      stopWaiting();
      if (!/lock/i.test(rmErr)) throw new Error(`dpkg -r ${PKG} failed: ${rmErr}`);
      redo(`dpkg -r ${PKG} found dpkg locked by someone else`);
      continue;
    }
    const goneAt = await gone;
    const back = await dpkgSays(isInstalled);
    // The agent's story from its log, and apt-get's from the wrapper.
    const changed = await a.log.wait((l) => mine(l) && l.json.event === 'changed', from, 60_000);
    const log = a.log.got.slice(from, changed.index + 1).filter(mine);
    const event = log.find((l) => /: event \(/.test(l.json.msg));
    const check = log.find((l) => /checked in .* ms, (?!ok)/.test(l.json.msg));
    const checkMs = Number(/checked in ([\d.]+) ms/.exec(check?.json.msg ?? '')?.[1]);
    const checkStart = check ? check.json.time - checkMs : NaN;
    const apt = aptRuns().slice(aptFrom).find((r) => r.args.includes('install'));
    const writes = statusWrites.slice(writesFrom);
    const status = writes.filter((w) => event && w <= event.json.time).at(-1) ?? NaN;
    trials.push({
      total: back - t0,
      dpkgR: rmEnd - t0,
      gone: goneAt - t0,
      status: status - t0,
      detect: checkStart - status,
      debounce: (event?.json.time ?? NaN) - status,
      checkMs,
      queue: (apt?.start ?? NaN) - (check?.json.time ?? NaN),
      aptToBack: back - (apt?.start ?? NaN),
      aptOwn: (changes.find((c) => apt && c >= apt.start) ?? NaN) - (apt?.start ?? NaN),
      aptGet: apt ? apt.end - apt.start : NaN,
      statusWrites: writes.filter((w) => w <= rmEnd).map((w) => w - t0),
      reason: event ? /event \((.*)\)$/.exec(event.json.msg)?.[1] : undefined,
    });
    // Exactly one apt transaction (the agent's) and nobody else running: else the trial does not count.
    if (aptTransactions() - transactions !== 1 || othersBusy()) {
      trials.pop();
      redo('another package manager ran during it');
      continue;
    }
    const t = trials.at(-1);
    console.error(`pkg trial ${trials.length}: ${f1(t.total)} ms (dpkg -r ${f1(t.dpkgR)}, detection ${f1(t.detect)}, apt-get ${f1(t.aptGet)})`);
  }
  await a.stop();
  await restore();

  say(`### Removed package (real apt): \`pkg "${PKG}" { state => "installed", backend => "apt", }\`, ${PKG_TRIALS} trials`);
  say('');
  say(`Each trial runs \`dpkg -r ${PKG}\` behind the agent's back and times, from its start, until`);
  say(`\`dpkg-query -W -f='\${Status}' ${PKG}\` says installed again (asked at every write in /var/lib/dpkg`);
  say('and its updates/ journal, so each state is timed to the write that made it). The agent\'s side');
  say('comes from its `--log-level=debug --log-format=json` lines (watch event, "checked in … ms"), the');
  say("apt-get run from a wrapper on the agent's PATH that records when the real apt-get started and");
  say(`ended. All times in ms; wall clock, 1 ms resolution. 1-min load average at the start: ${load.toFixed(2)}.`);
  say('');
  say('| trial | **dpkg -r → installed again** | dpkg -r ran | removal in dpkg\'s journal at | status file written at | **detection**: status written → check starts | (of it: watch debounce) | check | check end → apt-get starts | apt-get start → installed | (of it: apt-get start → dpkg\'s first write) | whole apt-get run |');
  say('|---|---|---|---|---|---|---|---|---|---|---|---|');
  const cols = ['total', 'dpkgR', 'gone', 'status', 'detect', 'debounce', 'checkMs', 'queue', 'aptToBack', 'aptOwn', 'aptGet'];
  trials.forEach((t, i) => say(`| ${i + 1} | ${cols.map((c) => f1(t[c])).join(' | ')} |`));
  say(`| median | ${cols.map((c) => f1(median(trials.map((t) => t[c])))).join(' | ')} |`);
  say('');
  say('"dpkg -r → installed again" = status file written + detection + check + (check end → apt-get');
  say('starts: the package queue\'s grouping window) + (apt-get start → installed).');
  say(`Status-file writes during each \`dpkg -r\` (ms after it started): ${trials.map((t) => `[${t.statusWrites.map((w) => w.toFixed(0)).join(', ')}]`).join(' ')}.`);
  if (redone > 0) say(`${redone} trial(s) were redone: another package manager ran during them (this machine is shared).`);
  say(`The watch event's reason: ${[...new Set(trials.map((t) => t.reason))].join('; ')}.`);
  const med = (c) => median(trials.map((t) => (typeof c === 'function' ? c(t) : t[c])));
  say('');
  say('Reading it (medians):');
  say(`- Detection is the apt watch's debounce (100 ms, \`DEBOUNCE_MS\` in plugin-pkg/src/apt/dir-watch.ts) plus`);
  say(`  ${fMs(med((t) => t.detect - t.debounce))} from the event to the check. But dpkg journals the removal (updates/) at ${f1(med('gone'))} ms and`);
  say(`  rewrites the status file, the only one the watch follows, at its very end (${f1(med('status'))} ms, after its`);
  say(`  triggers): from the moment dpkg-query reports ${PKG} gone to the check starting is ${f1(med((t) => t.status + t.detect - t.gone))} ms.`);
  say(`- check end → apt-get starts (${f1(med('queue'))} ms) is the package queue's grouping window (\`GROUP_WINDOW_MS\` = 50 ms`);
  say('  after a tick, plugin-pkg/src/queue.ts) and the timing wrapper\'s start.');
  say(`- apt-get is the repair: ${f1(med('aptOwn'))} ms of apt itself before dpkg writes anything, then dpkg unpacks and`);
  say(`  configures; it exits ${f1(med((t) => t.aptGet - t.aptToBack))} ms after ${PKG} is installed (triggers).`);
  const pkgcache = spawnSync('apt-config', ['dump', 'Dir::Cache::pkgcache'], { encoding: 'utf8' }).stdout.trim();
  if (/pkgcache "";/.test(pkgcache)) say('  apt keeps no binary package cache on this machine (`Dir::Cache::pkgcache "";` in /etc/apt/apt.conf.d),\n  so every apt-get run first rebuilds it from the lists.');
  say(`${PKG} was ${isInstalled(before) ? 'installed' : `absent (dpkg-query: ${before})`} before the bench and is ${isInstalled(dpkgStatus(PKG)) ? 'installed' : 'absent'} after it.`);
  say('');
}

const cleanup = async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => {});
};
for (const sig of ['SIGINT', 'SIGTERM']) process.once(sig, () => void cleanup().then(() => process.exit(130)));
let failed = false;
try {
  if (process.env.SKIP_SVC !== '1') await benchSvc();
  await cleanup();
  if (process.env.SKIP_PKG !== '1') await benchPkg();
} catch (err) {
  failed = true;
  console.error(err);
} finally {
  await cleanup();
  rmSync(work, { recursive: true, force: true });
}
if (failed) process.exit(1);
writeFileSync(join(ROOT, 'bench/SVC-PKG.md'), out.join('\n') + '\n');
console.log('wrote bench/SVC-PKG.md');
