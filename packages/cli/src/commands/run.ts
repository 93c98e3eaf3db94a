import { hostname as osHostname } from 'node:os';
import { logReporter, serveMetrics, type Engine, type World } from '@mgmt/engine';
import { renderDiagnostic } from '@mgmt/lang';
import type { Logger } from '@mgmt/resource';
import { EXIT_FAILED, EXIT_INVALID, EXIT_OK } from '../exit-codes.js';
import { applyStats, statsText } from '../output/apply-stats.js';
import { detailedExitCode } from '../output/detailed-exit-code.js';
import { eventsFile } from '../output/events-file.js';
import { graphvizAtStop } from '../output/graphviz-file.js';
import { createLogger, type LogFormat, type LogLevel } from '../output/logger.js';
import { followEngine, StatusLine } from '../output/status-line.js';
import { loadRegistry } from '../plugins.js';
import { compileProgram, compileSource, writeDot } from '../program.js';
import { skipBadExports } from '../reactive/bad-exports.js';
import { ReactiveLoop } from '../reactive/loop.js';
import { StopSignals } from '../stop-signals.js';
import { openWorld, type WorldFlags } from '../world/open-world.js';

export interface RunFlags extends WorldFlags {
  hostname?: string;
  convergedTimeout?: number;
  noop?: boolean;
  graphviz?: string;
  logFormat: LogFormat;
  logLevel: LogLevel;
  concurrency?: number;
  flap?: { repairs: number; seconds: number };
  events?: string;
  eventsChecks?: boolean;
  detailedExitcodes?: boolean;
  prometheusListen?: { host: string; port: number };
}

/** Taps the optional reporters the flags ask for; returns an error message if one cannot start. */
async function reporters(engine: Engine, flags: RunFlags, hostname: string, log: Logger): Promise<string | undefined> {
  if (flags.events) {
    try {
      eventsFile(engine, flags.events, { host: hostname, checks: flags.eventsChecks ?? false });
    } catch (err) {
      return `cannot write events to ${flags.events}: ${(err as Error).message}`;
    }
  }
  if (flags.prometheusListen) {
    const { host, port } = flags.prometheusListen;
    try {
      log.info(`metrics on ${(await serveMetrics(engine, { host, port })).url}`, { event: 'metrics' });
    } catch (err) {
      return `cannot serve metrics on ${host}:${port}: ${(err as Error).message}`;
    }
  }
  return undefined;
}

/**
 * `mgmt run`: compile, then run the graph until converged (with a timeout) or a signal.
 * `compile` reads the program: `.mcl` by default, a Go mgmt graph file for `run yaml`.
 */
export async function runCommand(path: string, flags: RunFlags, compile: typeof compileSource = compileSource): Promise<number> {
  const invalid = flags.detailedExitcodes ? EXIT_FAILED : EXIT_INVALID;
  if (flags.detailedExitcodes && flags.convergedTimeout === undefined) {
    process.stderr.write('error: --detailed-exitcodes needs --converged-timeout (a run that ends by itself)\n');
    return invalid;
  }
  if (flags.eventsChecks && !flags.events) {
    process.stderr.write('error: --events-checks needs --events FILE\n');
    return invalid;
  }
  const hostname = flags.hostname ?? osHostname();
  // On a terminal, a live summary line sits below the log (not in JSON logs, pipes or files).
  const status = flags.logFormat === 'text' && process.stdout.isTTY === true ? new StatusLine((s) => process.stdout.write(s), () => process.stdout.columns || 80) : undefined;
  const log = createLogger({ format: flags.logFormat, level: flags.logLevel, hostname, ...(status ? { write: (s: string) => status.log(s) } : {}) });
  const signals = new StopSignals(log);
  try {
    const opened = await openWorld(flags, hostname, log);
    if ('error' in opened) {
      process.stderr.write(`error: ${opened.error}\n`);
      return invalid;
    }
    try {
      return signals.received ? EXIT_OK : await runAgent(path, flags, { hostname, log, status, world: opened.world, signals, compile, invalid });
    } finally {
      await opened.close();
    }
  } finally {
    signals.dispose();
  }
}

interface AgentContext {
  readonly hostname: string;
  readonly log: Logger;
  readonly status: StatusLine | undefined;
  readonly world: World;
  readonly signals: StopSignals;
  readonly compile: typeof compileSource;
  /** The exit status of a run that could not start. */
  readonly invalid: number;
}

/** Compiles, runs and reports; the world is open and closed by the caller. */
async function runAgent(path: string, flags: RunFlags, ctx: AgentContext): Promise<number> {
  const { hostname, log, status, world, signals, compile, invalid } = ctx;
  const registry = await loadRegistry();
  const loop = new ReactiveLoop({
    // A collected resource this host cannot run is left out, not allowed to stop the others.
    compile: skipBadExports((collected) => compile(path, { registry, hostname, collected }), { registry, log }),
    build: (result) => engineRef!.build(result.graph!),
    render: (d, sources) => renderDiagnostic(d, sources),
    world,
    hostname,
    log,
  });
  let engineRef: Engine | undefined;
  const compiled = await compileProgram(path, {
    hostname,
    registry,
    compile: () => loop.first(),
    log,
    noop: flags.noop ?? false,
    ...(flags.concurrency ? { concurrency: flags.concurrency } : {}),
    ...(flags.stateDir ? { stateDir: flags.stateDir } : {}),
    ...(flags.flap ? { flap: flags.flap } : {}),
  });
  if (!compiled) {
    await loop.stop();
    return invalid;
  }
  const { engine, graph, result } = compiled;
  engineRef = engine;
  if (flags.graphviz) {
    await writeDot(flags.graphviz, graph);
    graphvizAtStop(engine, flags.graphviz, graph);
  }
  logReporter(engine, log, { debug: flags.logLevel === 'debug' });
  const unfollow = status ? followEngine(engine, status) : undefined;
  const stats = applyStats(engine);
  const problem = await reporters(engine, flags, hostname, log);
  if (problem) {
    process.stderr.write(`error: ${problem}\n`);
    await engine.stop(); // closes what did start: its `stopped` taps run
    await loop.stop();
    return invalid;
  }

  log.info(`running ${graph.nodes.size} resources as ${hostname}${flags.noop ? ' (noop)' : ''}`, { event: 'start' });
  // Re-evaluate on input changes only when the program has reactive inputs; otherwise it
  // was evaluated once, as before.
  const reactive = ReactiveLoop.needed(result);
  if (reactive) engine.hooks.stopped.tapPromise('@mgmt/cli:reactive', () => loop.stop());
  const running = engine.run(graph, flags.convergedTimeout === undefined ? {} : { convergedTimeout: flags.convergedTimeout });
  signals.onStop(() => void engine.stop());
  if (reactive) loop.start(engine, graph, result);
  const summary = await running;
  unfollow?.();
  await loop.stop();

  const bad = summary.failed + summary.blocked;
  const parts = [`${summary.converged}/${summary.total} converged`, `${summary.changed} ${flags.noop ? 'would change' : 'changed'}`];
  if (summary.failed) parts.push(`${summary.failed} failed`);
  if (summary.blocked) parts.push(`${summary.blocked} blocked`);
  const text = `done: ${parts.join(', ')} in ${(summary.elapsedMs / 1000).toFixed(2)} s (${statsText(stats)})`;
  (bad ? log.error : log.info)(text, { event: 'summary', ...summary, applies: stats.applies, failures: stats.failures, slowest: stats.slowest });
  if (flags.detailedExitcodes) return detailedExitCode(summary, stats);
  return bad ? EXIT_FAILED : EXIT_OK;
}
