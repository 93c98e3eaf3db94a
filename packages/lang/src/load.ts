import { readdirSync, readFileSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Diagnostic } from '@mgmt/resource';
import { compile, type CompileOptions, type CompileResult } from './compile.js';
import { fileNotFound, noSourceFiles, readFailed } from './diagnostics/codes.js';
import type { ImportReader } from './modules/link.js';
import type { SourceFile } from './parse/parse.js';

const failed = (d: Diagnostic): CompileResult => ({ diagnostics: [d], sources: new Map(), exports: [], collects: [], inputs: { files: [], clock: false } });
const reason = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/**
 * Reads and compiles a program: one `.mcl` file, or all top-level `.mcl` files of a
 * directory, sorted by name. File system problems are diagnostics too.
 */
export async function loadProgram(path: string, opts: CompileOptions): Promise<CompileResult> {
  let paths: string[];
  try {
    const info = await stat(path);
    if (info.isDirectory()) {
      const entries = await readdir(path, { withFileTypes: true });
      paths = entries.filter((e) => (e.isFile() || e.isSymbolicLink()) && e.name.endsWith('.mcl')).map((e) => join(path, e.name)).sort();
      if (paths.length === 0) return failed(noSourceFiles(path));
    } else {
      paths = [path];
    }
  } catch (err) {
    return failed((err as NodeJS.ErrnoException).code === 'ENOENT' ? fileNotFound(path) : readFailed(path, reason(err)));
  }
  const files: SourceFile[] = [];
  for (const p of paths) {
    try {
      files.push({ path: p, text: await readFile(p, 'utf8') });
    } catch (err) {
      return failed(readFailed(p, reason(err)));
    }
  }
  return compile(files, { reader: diskReader, ...opts });
}

/** Imports not among the program's files are read from disk, synchronously (compile is). */
const diskReader: ImportReader = {
  readFile(path) {
    try {
      return readFileSync(path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  },
  listDir(path) {
    try {
      const entries = readdirSync(path, { withFileTypes: true });
      return entries.filter((e) => (e.isFile() || e.isSymbolicLink()) && e.name.endsWith('.mcl')).map((e) => join(path, e.name)).sort();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
      throw err;
    }
  },
};
