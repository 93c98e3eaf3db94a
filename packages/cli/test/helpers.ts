import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** One parse cache per test run, never the user's own. */
const CACHE = mkdtempSync(join(tmpdir(), 'mgmt-cli-cache-'));
const BIN = join(ROOT, 'packages/cli/src/bin.ts');

export interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Starts `mgmt ARGS` from source (tsx), as a separate process like a user would. */
export function startMgmt(args: readonly string[], env: Record<string, string> = {}): ChildProcess & { out: () => string; err: () => string } {
  const child = spawn(process.execPath, ['--import=tsx', '--conditions=@mgmt/source', BIN, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1', MGMT_CACHE_DIR: CACHE, ...env },
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr.on('data', (b: Buffer) => (err += b.toString()));
  return Object.assign(child, { out: () => out, err: () => err });
}

/** Runs `mgmt ARGS` to completion. */
export function mgmt(args: readonly string[], env: Record<string, string> = {}): Promise<Result> {
  const child = startMgmt(args, env);
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout: child.out(), stderr: child.err() })));
}

/** `mgmt ARGS` with extra environment (such as MGMT_BASE), to completion. */
export async function mgmtWith(env: Record<string, string>, args: readonly string[]): Promise<{ code: number | null; out: string; err: string }> {
  const r = await mgmt(args, env);
  return { code: r.code, out: r.stdout, err: r.stderr };
}

export const tempDir = (): Promise<string> => mkdtemp(join(tmpdir(), 'mgmt-cli-'));

/** Writes a program into a fresh temp dir and returns its path and the dir. */
export async function program(text: string, name = 'main.mcl'): Promise<{ dir: string; file: string }> {
  const dir = await tempDir();
  const file = join(dir, name);
  await writeFile(file, text);
  return { dir, file };
}

export async function until(cond: () => boolean | Promise<boolean>, ms = 15_000): Promise<void> {
  const t0 = Date.now();
  while (!(await cond())) {
    if (Date.now() - t0 > ms) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Parses JSON log lines, skipping anything else. */
export const jsonLines = (text: string): Record<string, unknown>[] =>
  text
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
