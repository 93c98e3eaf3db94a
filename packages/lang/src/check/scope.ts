import type { Diagnostic, Span } from '@mgmt/resource';
import type { AssignStmt } from '../ast/nodes.js';
import { undefinedVariable, variableCycle, variableRedefined } from '../diagnostics/codes.js';
import { closest } from '../diagnostics/did-you-mean.js';
import { locationOf } from '../diagnostics/position.js';
import { POISON, type Result } from '../eval/values.js';

interface Decl {
  readonly stmt: AssignStmt;
  readonly file: string;
  readonly source: string;
}

/** Evaluates a variable's defining expression in its own file. */
export type DeclEvaluator = (stmt: AssignStmt, file: string, source: string) => Result;

/**
 * The program's top-level variables. Order does not matter (as in the Go mgmt): a variable
 * is evaluated when first used, once, and a variable that needs itself is an error.
 */
export class Scope {
  private readonly decls = new Map<string, Decl>();
  private readonly values = new Map<string, Result>();
  private readonly evaluating = new Set<string>();

  constructor(
    private readonly evaluate: DeclEvaluator,
    private readonly report: (d: Diagnostic) => void,
    /** Some file failed to parse, so an unknown name may be defined there: stay quiet. */
    private readonly incomplete: boolean,
  ) {}

  declare(stmt: AssignStmt, file: string, source: string): void {
    const first = this.decls.get(stmt.name);
    if (first) {
      const at = locationOf(first.file, first.source, first.stmt.nameSpan.start);
      this.report(variableRedefined({ file, span: stmt.nameSpan }, stmt.name, at));
      return;
    }
    this.decls.set(stmt.name, { stmt, file, source });
  }

  lookup(name: string, span: Span, file: string): Result {
    const known = this.values.get(name);
    if (known !== undefined) return known;
    const decl = this.decls.get(name);
    if (!decl) {
      if (!this.incomplete) this.report(undefinedVariable({ file, span }, name, closest(name, this.decls.keys())));
      return POISON;
    }
    if (this.evaluating.has(name)) {
      this.report(variableCycle({ file, span }, name));
      return POISON;
    }
    this.evaluating.add(name);
    const value = this.evaluate(decl.stmt, decl.file, decl.source);
    this.evaluating.delete(name);
    this.values.set(name, value);
    return value;
  }

  /** Evaluates the variables nobody used, so errors in them are reported too. */
  evaluateAll(): void {
    for (const [name, decl] of this.decls) this.lookup(name, decl.stmt.nameSpan, decl.file);
  }
}
