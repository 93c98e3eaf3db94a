import { constants } from 'node:os';
import type { Logger } from '@mgmt/resource';

/**
 * SIGINT and SIGTERM for the whole life of `mgmt run`, start-up included: a signal that comes
 * while etcd is being spawned or the program compiled must still end in a clean exit (the
 * world closed, a spawned etcd stopped), not in Node's default death that would leave etcd
 * running. The first signal asks for a stop; a second one exits at once (a spawned etcd is
 * then killed by its exit hook), as an impatient Ctrl-C Ctrl-C expects.
 */
export class StopSignals {
  private stopper: (() => void) | undefined;
  /** The signal received, if any. */
  received: NodeJS.Signals | undefined;

  constructor(private readonly log: Logger) {
    process.on('SIGINT', this.onSignal);
    process.on('SIGTERM', this.onSignal);
  }

  /** What a signal does from now on (stop the engine); runs at once if one already came. */
  onStop(stop: () => void): void {
    this.stopper = stop;
    if (this.received) stop();
  }

  dispose(): void {
    process.off('SIGINT', this.onSignal);
    process.off('SIGTERM', this.onSignal);
  }

  private readonly onSignal = (signal: NodeJS.Signals): void => {
    if (this.received) process.exit(128 + (constants.signals[signal] ?? 0));
    this.received = signal;
    this.log.info(`${signal}: stopping`, { event: 'signal' });
    this.stopper?.();
  };
}
