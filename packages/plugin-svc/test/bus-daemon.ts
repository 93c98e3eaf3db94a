import { execFileSync } from 'node:child_process';

/** A private `dbus-daemon`, started per test file. */
export interface PrivateBus {
  readonly address: string;
  stop(): void;
}

/** Starts `dbus-daemon --session --fork` and returns its address; `stop()` kills it. */
export function startBus(): PrivateBus {
  const out = execFileSync('dbus-daemon', ['--session', '--print-address=1', '--print-pid=1', '--fork'], { encoding: 'utf8', timeout: 10_000 });
  const [address, pid] = out.trim().split('\n');
  if (!address || !pid) throw new Error(`dbus-daemon printed no address and pid: ${out}`);
  return {
    address,
    stop: () => {
      try {
        process.kill(Number(pid), 'SIGTERM');
      } catch {
        // already gone
      }
    },
  };
}
