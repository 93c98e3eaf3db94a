import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface PrivateBus {
  readonly address: string;
  stop(): void;
}

/**
 * A private `dbus-daemon` for one test file (STACK.md §6): `--session` unless `args` say
 * otherwise. It runs as our child (`--nofork`), so stop() kills it and node reaps it.
 */
export async function startPrivateBus(args: readonly string[] = ['--session']): Promise<PrivateBus> {
  const child = spawn('dbus-daemon', [...args, '--nofork', '--print-address=1'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const address = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => {
      lines.close();
      resolve(line.trim());
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`dbus-daemon exited (${code}) before printing its address`)));
  });
  return {
    address,
    stop: () => {
      if (child.exitCode === null) child.kill();
    },
  };
}
