import type { Diagnostic, KindRegistry } from '@mgmt/resource';
import { buildModulesWith } from '../eval/modules.js';
import type { ModuleGraph } from '../modules/link.js';
import { T, type FuncType, type Type } from '../types/type.js';
import { classSignature, funcSignature } from './callables.js';
import type { Ctx, Run } from './context.js';
import { checkStmts, declareTypes } from './stmts.js';
import { onceEach } from '../diagnostics/once.js';

/** What the check found: its errors, and the inferred types. */
export interface CheckResult {
  /** Every error, each once. */
  readonly diagnostics: Diagnostic[];
  /** The type of a top-level variable of the main program (undefined if it has none). */
  typeOf(name: string): Type | undefined;
  /** The signature of a function of the main program, as inferred from its body. */
  signatureOf(name: string): FuncType | undefined;
}

/**
 * Checks a linked program before it is evaluated: the types of every expression, statement
 * and param, and every name, in all of the code, whether or not it would run (both branches
 * of every `if`, every loop body, every function and class, called or not). A program it
 * finds no error in may still fail while evaluating, on what depends on values: see
 * `afterCheck`.
 */
export function checkProgram(linked: ModuleGraph, registry: KindRegistry): CheckResult {
  const { diagnostics, report } = onceEach();
  const run: Run = { registry, report, signatures: new Map(), calls: [], including: [] };
  const { files, modules } = buildModulesWith<Ctx, Type>(linked, report, {
    missing: T.unknown,
    env: (file, module) => ({ file: file.path, source: file.source, scope: module.scope, module, run }),
    declare: declareTypes,
  });
  for (const { stmts, env } of files) checkStmts(stmts, env);
  for (const module of modules) module.scope.evaluateAll();
  // Functions never called and classes never included are checked too.
  for (const module of modules) {
    for (const def of module.funcs.values()) funcSignature(def, run);
    for (const def of module.classes.values()) classSignature(def, run);
  }
  const root = modules[0]!;
  return {
    diagnostics,
    typeOf: (name) => root.scope.peek(name),
    signatureOf: (name) => {
      const def = root.funcs.get(name);
      return def && run.signatures.get(def.id);
    },
  };
}

/**
 * Errors only evaluation can find: they depend on values (a resource's identity, an index,
 * a divisor, what is collected, a file's content), or are checked before evaluation for
 * literals only. Evaluation still runs after errors of the check, for these and for the
 * reactive inputs it reports; every other error it would report, the check has.
 */
const VALUE_CODES: ReadonlySet<string> = new Set([
  'MCL_DIVISION_BY_ZERO',
  'MCL_DUPLICATE_RESOURCE',
  'MCL_EDGE_CYCLE',
  'MCL_INDEX_OUT_OF_RANGE',
  'MCL_INVALID_ARGUMENT',
  'MCL_INVALID_PARAM',
  'MCL_INVALID_REGEX',
  'MCL_MISSING_KEY',
  'MCL_MISSING_PARAM',
  'MCL_UNKNOWN_EDGE_TARGET',
]);

const at = (d: Diagnostic): string => `${d.code}\0${d.file ?? ''}\0${d.span?.start ?? -1}\0${d.span?.end ?? -1}`;

/**
 * What evaluation adds to the check's diagnostics, so that nothing is reported twice. After
 * a clean check, all of it (the check cannot see values). After errors, only errors of
 * `VALUE_CODES` not already reported: the others are the check's own kinds, which it
 * reports for the whole program (possibly at another place: the check blames the argument
 * of a call, evaluation the function body that fails on it).
 */
export function afterCheck(checked: readonly Diagnostic[], evaluated: readonly Diagnostic[]): Diagnostic[] {
  if (!checked.some((d) => d.severity === 'error')) return [...evaluated];
  const reported = new Set(checked.map(at));
  return evaluated.filter((d) => VALUE_CODES.has(d.code) && !reported.has(at(d)));
}
