import type { Diagnostic, Span } from '@mgmt/resource';
import { undefinedVariable, variableCycle, variableRedefined, variableShadowed } from '../diagnostics/codes.js';
import { closest } from '../diagnostics/did-you-mean.js';
import { locationOf } from '../diagnostics/position.js';
import type { Result } from '../eval/values.js';

interface Decl<V> {
  readonly span: Span;
  readonly file: string;
  readonly source: string;
  /** Computes the value on first use; absent for loop variables, which are bound to one. */
  readonly evaluate?: () => V;
}

/**
 * Variables of one scope: the program's top level, or one block (an `if` branch, one
 * iteration of a `for`), whose lookups fall back to the enclosing scope. Order does not
 * matter within a scope (as in the Go mgmt): a variable is evaluated when first used, once,
 * and a variable that needs itself is an error. A name may be defined once per scope, and a
 * block may not define a name that an enclosing scope has (see docs/language.md).
 *
 * `V` is what a variable holds: a value while evaluating (`Result`), a type while checking
 * before evaluation (`Type`); both passes share these rules.
 */
export class Scope<V = Result> {
  private readonly decls = new Map<string, Decl<V>>();
  private readonly values = new Map<string, V>();
  private readonly evaluating = new Set<string>();
  /** Modules imported `as *`: their top-level names are found here when not defined here. */
  private readonly merged: Scope<V>[] = [];

  constructor(
    private readonly report: (d: Diagnostic) => void,
    /** Some file failed to parse, so an unknown name may be defined there: stay quiet. */
    private readonly incomplete: boolean,
    /** What an undefined variable, or one that depends on itself, gives (already reported). */
    private readonly missing: V,
    private readonly parent?: Scope<V>,
  ) {}

  /** A scope inside this one (a block, a class body, a function call). */
  child(): Scope<V> {
    return new Scope(this.report, this.incomplete, this.missing, this);
  }

  /** Merges the names of another module's top level (`import … as *`); names defined here win. */
  merge(other: Scope<V>): void {
    this.merged.push(other);
  }

  /** `$name = …` in this scope, evaluated by `evaluate` when first used. */
  declare(name: string, span: Span, file: string, source: string, evaluate: () => V): void {
    if (this.check(name, span, file)) this.decls.set(name, { span, file, source, evaluate });
  }

  /** A loop variable, already evaluated. */
  bind(name: string, span: Span, file: string, source: string, value: V): void {
    if (this.check(name, span, file)) {
      this.decls.set(name, { span, file, source });
      this.values.set(name, value);
    }
  }

  /** Reports a second definition in this scope (and refuses it), or one that hides an outer one. */
  private check(name: string, span: Span, file: string): boolean {
    const first = this.decls.get(name);
    if (first) {
      this.report(variableRedefined({ file, span }, name, locationOf(first.file, first.source, first.span.start)));
      return false;
    }
    const outer = this.parent?.find(name)?.decls.get(name);
    if (outer) this.report(variableShadowed({ file, span }, name, locationOf(outer.file, outer.source, outer.span.start)));
    return true;
  }

  private find(name: string): Scope<V> | undefined {
    if (this.decls.has(name)) return this;
    return this.parent ? this.parent.find(name) : this.merged.find((m) => m.decls.has(name));
  }

  private *names(): Iterable<string> {
    yield* this.decls.keys();
    if (this.parent) yield* this.parent.names();
    for (const m of this.merged) yield* m.decls.keys();
  }

  lookup(name: string, span: Span, file: string): V {
    const owner = this.find(name);
    if (!owner) {
      if (!this.incomplete) this.report(undefinedVariable({ file, span }, name, closest(name, this.names())));
      return this.missing;
    }
    return owner.resolve(name, span, file);
  }

  private resolve(name: string, span: Span, file: string): V {
    const known = this.values.get(name);
    if (known !== undefined) return known;
    if (this.evaluating.has(name)) {
      this.report(variableCycle({ file, span }, name));
      return this.missing;
    }
    this.evaluating.add(name);
    const value = this.decls.get(name)!.evaluate!();
    this.evaluating.delete(name);
    this.values.set(name, value);
    return value;
  }

  /** The value of a variable defined in this very scope, once computed (for tools and tests). */
  peek(name: string): V | undefined {
    return this.values.get(name);
  }

  /** Evaluates the variables nobody used, so errors in them are reported too. */
  evaluateAll(): void {
    for (const [name, decl] of this.decls) this.resolve(name, decl.span, decl.file);
  }
}
