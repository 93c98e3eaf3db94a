import type { Diagnostic } from '@mgmt/resource';
import type { ImportStmt, Program } from '../ast/nodes.js';
import { importCycle, importNotFound, invalidImport, readFailed } from '../diagnostics/codes.js';
import type { ParseResult, SourceFile } from '../parse/parse.js';
import { folderOf, isImportName, resolveImport } from './resolve.js';

/** Reads imported files that are not among the files given to `compile` (from disk, for `loadProgram`). */
export interface ImportReader {
  /** The text of the file, or undefined when there is none. May throw: reported as MCL_READ_FAILED. */
  readFile(path: string): string | undefined;
  /** The paths of the `.mcl` files directly in a folder, or undefined when there is no such folder. */
  listDir(path: string): readonly string[] | undefined;
}

/** A file of the program, parsed or not (a file with a syntax error has no AST). */
export interface LinkFile {
  readonly path: string;
  readonly source: string;
  readonly ast?: Program;
}

/** One `import` statement, resolved. */
export interface LinkedImport {
  readonly stmt: ImportStmt;
  readonly file: string;
  /** The id of the imported unit; absent when it could not be found or read. */
  readonly target?: string;
  /** The name it binds, or `*` to merge its names. */
  readonly name: string;
}

/** The main program (id ``) or a module: its files share one top-level scope. */
export interface Unit {
  readonly id: string;
  readonly files: readonly LinkFile[];
  readonly imports: LinkedImport[];
}

export interface ModuleGraph {
  readonly root: Unit;
  readonly units: ReadonlyMap<string, Unit>;
  readonly diagnostics: Diagnostic[];
  /** Every file read, given or imported, by path. */
  readonly sources: Map<string, string>;
  /** A file failed to parse or an import is missing: unknown names may be defined there. */
  readonly incomplete: boolean;
}

export interface LinkOptions {
  readonly parse: (file: SourceFile) => ParseResult;
  readonly reader?: ImportReader;
}

/**
 * Finds the modules a program imports: first among the given files, then through `reader`.
 * A given file that some file imports is a module, not part of the main program; each
 * module is read and parsed once, however many files import it.
 */
export function linkModules(given: readonly LinkFile[], opts: LinkOptions): ModuleGraph {
  const diagnostics: Diagnostic[] = [];
  const sources = new Map(given.map((f) => [f.path, f.source]));
  const byPath = new Map(given.map((f) => [f.path, f]));
  const units = new Map<string, Unit>();
  let incomplete = given.some((f) => !f.ast);

  const read = (path: string): LinkFile | undefined => {
    const known = byPath.get(path);
    if (known) return known;
    const text = opts.reader?.readFile(path);
    if (text === undefined) return undefined;
    const result = opts.parse({ path, text });
    diagnostics.push(...result.diagnostics);
    if (!result.ast) incomplete = true;
    const file: LinkFile = { path, source: text, ...(result.ast ? { ast: result.ast } : {}) };
    byPath.set(path, file);
    sources.set(path, text);
    return file;
  };
  const filesOf = (id: string, dir: boolean): LinkFile[] | undefined => {
    if (!dir) {
      const f = read(id);
      return f && [f];
    }
    const local = given.filter((f) => f.path.endsWith('.mcl') && folderOf(f.path) === id);
    if (local.length > 0) return local;
    const listed = opts.reader?.listDir(id);
    return listed?.map((p) => read(p)).filter((f): f is LinkFile => f !== undefined);
  };

  const pending: Unit[] = [];
  // Per file, so a given file's imports are linked (and reported) once, whichever unit it ends up in.
  const linked = new Map<string, LinkedImport[]>();
  const importsOf = (files: readonly LinkFile[]): LinkedImport[] =>
    files.flatMap((f) => {
      let imports = linked.get(f.path);
      if (!imports) linked.set(f.path, (imports = (f.ast?.stmts ?? []).flatMap((s) => (s.type === 'import' ? [link(s, f)] : []))));
      return imports;
    });
  const link = (stmt: ImportStmt, file: LinkFile): LinkedImport => {
    const at = { file: file.path, span: stmt.path.span };
    const spec = stmt.path.parts.length === 1 && typeof stmt.path.parts[0] === 'string' ? stmt.path.parts[0] : undefined;
    const target = spec === undefined ? { reason: 'an import path is a plain string, without `${…}`' } : resolveImport(file.path, spec);
    const name = stmt.alias ?? ('name' in target ? target.name : '');
    const failed = (d: Diagnostic): LinkedImport => {
      diagnostics.push(d);
      incomplete = true;
      return { stmt, file: file.path, name };
    };
    if ('reason' in target) return failed(invalidImport(at, target.reason));
    if (!units.has(target.id)) {
      let files: LinkFile[] | undefined;
      try {
        files = filesOf(target.id, target.dir);
      } catch (err) {
        return failed(readFailed(target.id, err instanceof Error ? err.message : String(err), at));
      }
      if (!files || files.length === 0) return failed(importNotFound(at, target.id, target.dir));
      const unit: Unit = { id: target.id, files, imports: [] };
      units.set(target.id, unit);
      pending.push(unit);
    }
    // Checked after loading, so that the file still counts as a module, not as part of the program.
    if (stmt.alias === undefined && !isImportName(name)) return failed(invalidImport(at, `\`${name}\` is not a name`, true));
    return { stmt, file: file.path, target: target.id, name };
  };

  const rootImports = importsOf(given);
  for (let unit = pending.shift(); unit; unit = pending.shift()) unit.imports.push(...importsOf(unit.files));
  const imported = new Set([...units.values()].flatMap((u) => u.files.map((f) => f.path)));
  const rootFiles = given.filter((f) => !imported.has(f.path));
  const root: Unit = { id: '', files: rootFiles, imports: rootImports.filter((i) => !imported.has(i.file)) };
  findCycles(root, units, (i, chain) => diagnostics.push(importCycle({ file: i.file, span: i.stmt.path.span }, chain)));
  return { root, units, diagnostics, sources, incomplete };
}

/** Reports each import that closes a cycle, with the chain of modules (depth first, in order). */
function findCycles(root: Unit, units: ReadonlyMap<string, Unit>, report: (i: LinkedImport, chain: string[]) => void): void {
  const done = new Set<string>();
  const stack: string[] = [];
  const visit = (unit: Unit): void => {
    stack.push(unit.id);
    for (const i of unit.imports) {
      if (i.target === undefined || done.has(i.target)) continue;
      const at = stack.indexOf(i.target);
      if (at !== -1) report(i, [...stack.slice(at), i.target]);
      else visit(units.get(i.target)!);
    }
    stack.pop();
    done.add(unit.id);
  };
  visit(root);
  for (const id of [...units.keys()].sort()) if (!done.has(id)) visit(units.get(id)!);
}
