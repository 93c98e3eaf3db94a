import { spawn } from 'node:child_process';

export interface CommandResult {
  /** The exit status; -1 when the command could not be started or was killed. */
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command to completion; never rejects for a non-zero exit. */
export type CommandRunner = (file: string, args: readonly string[], env?: Readonly<Record<string, string>>) => Promise<CommandResult>;

/** The C locale, so the output we parse (`Candidate:`) is never translated. */
const BASE_ENV = { LC_ALL: 'C', LANG: 'C' };

export const spawnRunner: CommandRunner = (file, args, env) =>
  new Promise((resolve) => {
    const child = spawn(file, [...args], { env: { ...process.env, ...BASE_ENV, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    const done = (code: number, extra = ''): void =>
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') + extra });
    child.on('error', (e) => done(-1, e.message));
    child.on('close', (code) => done(code ?? -1));
  });

let current: CommandRunner = spawnRunner;

/** Every command the apt backend runs goes through here. */
export const runCommand: CommandRunner = (file, args, env) => current(file, args, env);

/**
 * Replaces the runner (tests wrap the real one to count apt-get calls); `undefined` restores
 * the default. Internal: not exported from the package.
 */
export function setCommandRunner(runner: CommandRunner | undefined): void {
  current = runner ?? spawnRunner;
}

/** The last lines of a command's error output, for an error message. */
export const tail = (text: string, lines = 6): string => text.trim().split('\n').slice(-lines).join('\n');
