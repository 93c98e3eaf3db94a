import type { Diagnostic } from '@mgmt/resource';
import type { Stmt } from '../ast/nodes.js';
import { Scope } from '../check/scope.js';
import { duplicateName } from '../diagnostics/codes.js';
import { locationOf } from '../diagnostics/position.js';
import type { LinkFile, ModuleGraph, Unit } from '../modules/link.js';
import type { Env } from './env.js';
import { FUNCTIONS, type CallContext } from './functions/index.js';
import { Module } from './module.js';
import { declareAssigns } from './stmts.js';
import { POISON, type Result } from './values.js';

/** A file ready to run: its statements (classes, functions and imports left out) and env. */
export interface RunnableFile<E = Env, V = Result> {
  readonly stmts: readonly Stmt[];
  readonly env: E;
  readonly module: Module<E, V>;
}

/** How one pass (evaluation, or the check before it) makes its file contexts and declares variables. */
export interface ModuleHooks<E, V> {
  /** What an undefined variable gives: see Scope. */
  readonly missing: V;
  readonly env: (file: LinkFile & { readonly ast: NonNullable<LinkFile['ast']> }, module: Module<E, V>) => E;
  readonly declare: (stmts: readonly Stmt[], scope: Scope<V>, env: E) => void;
}

// `template` has no module: an import may take its name (calls of it have no dot).
const STD_MODULES = new Set([...FUNCTIONS.keys()].filter((n) => n.includes('.')).map((n) => n.split('.')[0]!));

/**
 * Builds the run-time modules of a linked program: one top-level scope per unit, with its
 * variables declared (lazily evaluated), its classes and functions registered and its
 * imports bound. The main program comes first, then modules by id.
 */
export function buildModules(graph: ModuleGraph, host: CallContext, report: (d: Diagnostic) => void): { files: RunnableFile[]; modules: Module[] } {
  return buildModulesWith<Env, Result>(graph, report, {
    missing: POISON,
    env: (file, module) => ({ file: file.path, source: file.source, lookup: (n, s, f) => module.scope.lookup(n, s, f), report, host, module, calls: [] }),
    declare: declareAssigns,
  });
}

/** `buildModules` for any pass: the same modules, names and duplicate checks, with the pass's own contexts. */
export function buildModulesWith<E, V>(graph: ModuleGraph, report: (d: Diagnostic) => void, hooks: ModuleHooks<E, V>): { files: RunnableFile<E, V>[]; modules: Module<E, V>[] } {
  const units = [graph.root, ...[...graph.units.keys()].sort().map((id) => graph.units.get(id)!)];
  const modules = new Map(units.map((u) => [u.id, new Module<E, V>(u.id, new Scope<V>(report, graph.incomplete, hooks.missing), graph.incomplete)]));
  const files: RunnableFile<E, V>[] = [];
  for (const unit of units) {
    const module = modules.get(unit.id)!;
    const firsts = new Map<string, { file: string; source: string; start: number }>();
    const define = (what: 'class' | 'function' | 'import', name: string, at: { file: string; span: { start: number; end: number } }, source: string): boolean => {
      const key = `${what}\0${name}`;
      const first = firsts.get(key);
      if (first) report(duplicateName(at, what, name, locationOf(first.file, first.source, first.start)));
      else firsts.set(key, { file: at.file, source, start: at.span.start });
      return !first;
    };
    for (const file of unit.files) {
      const ast = file.ast;
      if (!ast) continue;
      const env = hooks.env({ ...file, ast }, module);
      const stmts: Stmt[] = [];
      for (const s of ast.stmts) {
        const at = { file: file.path, span: 'nameSpan' in s ? s.nameSpan : s.span };
        if (s.type === 'class') {
          if (define('class', s.name, at, file.source)) module.classes.set(s.name, { stmt: s, module, env, id: `${unit.id}\0${s.name}` });
        } else if (s.type === 'func') {
          if (define('function', s.name, at, file.source)) module.funcs.set(s.name, { stmt: s, module, env, id: `${unit.id}\0${s.name}` });
        } else if (s.type !== 'import') stmts.push(s);
      }
      hooks.declare(stmts, module.scope, env);
      files.push({ stmts, env, module });
    }
    bindImports(unit, module, modules, graph.sources, report, define);
  }
  return { files, modules: [...modules.values()] };
}

function bindImports<E, V>(
  unit: Unit,
  module: Module<E, V>,
  modules: ReadonlyMap<string, Module<E, V>>,
  sources: ReadonlyMap<string, string>,
  report: (d: Diagnostic) => void,
  define: (what: 'import', name: string, at: { file: string; span: { start: number; end: number } }, source: string) => boolean,
): void {
  for (const i of unit.imports) {
    const target = i.target === undefined ? null : modules.get(i.target)!;
    const at = { file: i.file, span: i.stmt.path.span };
    if (i.name === '*') {
      if (target && !module.merged.includes(target)) {
        module.merged.push(target);
        module.scope.merge(target.scope);
      }
    } else if (STD_MODULES.has(i.name)) {
      report(duplicateName(at, 'import', i.name));
    } else if (module.namespaces.get(i.name) !== target || !module.namespaces.has(i.name)) {
      // The same module imported under the same name by two files of a unit is fine.
      if (define('import', i.name, at, sources.get(i.file) ?? '')) module.namespaces.set(i.name, target);
    }
  }
}
