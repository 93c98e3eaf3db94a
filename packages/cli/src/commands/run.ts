import { hostname as osHostname } from 'node:os';
import { logReporter } from '@mgmt/engine';
import { EXIT_FAILED, EXIT_INVALID, EXIT_OK } from '../exit-codes.js';
import { createLogger, type LogFormat, type LogLevel } from '../output/logger.js';
import { compileProgram, writeDot } from '../program.js';

export interface RunFlags {
  hostname?: string;
  convergedTimeout?: number;
  noop?: boolean;
  graphviz?: string;
  logFormat: LogFormat;
  logLevel: LogLevel;
  concurrency?: number;
}

/** `mgmt run`: compile, then run the graph until converged (with a timeout) or a signal. */
export async function runCommand(path: string, flags: RunFlags): Promise<number> {
  const hostname = flags.hostname ?? osHostname();
  const log = createLogger({ format: flags.logFormat, level: flags.logLevel, hostname });
  const compiled = await compileProgram(path, {
    hostname,
    log,
    noop: flags.noop ?? false,
    ...(flags.concurrency ? { concurrency: flags.concurrency } : {}),
  });
  if (!compiled) return EXIT_INVALID;
  const { engine, graph } = compiled;
  if (flags.graphviz) await writeDot(flags.graphviz, graph);
  logReporter(engine, log, { debug: flags.logLevel === 'debug' });

  const onSignal = (signal: NodeJS.Signals) => {
    log.info(`${signal}: stopping`, { event: 'signal' });
    void engine.stop();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  log.info(`running ${graph.nodes.size} resources as ${hostname}${flags.noop ? ' (noop)' : ''}`, { event: 'start' });
  const summary = await engine.run(graph, flags.convergedTimeout === undefined ? {} : { convergedTimeout: flags.convergedTimeout });
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);

  const bad = summary.failed + summary.blocked;
  const parts = [`${summary.converged}/${summary.total} converged`, `${summary.changed} ${flags.noop ? 'would change' : 'changed'}`];
  if (summary.failed) parts.push(`${summary.failed} failed`);
  if (summary.blocked) parts.push(`${summary.blocked} blocked`);
  (bad ? log.error : log.info)(`done: ${parts.join(', ')} in ${(summary.elapsedMs / 1000).toFixed(2)} s`, { event: 'summary', ...summary });
  return bad ? EXIT_FAILED : EXIT_OK;
}
