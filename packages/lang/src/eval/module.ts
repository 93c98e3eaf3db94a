import type { ClassStmt, FuncStmt } from '../ast/nodes.js';
import type { Scope } from '../check/scope.js';
import type { Env } from './env.js';
import type { Result } from './values.js';

/**
 * A class or a function, with the context of the file that defines it: its body is evaluated
 * (or checked) there. `E` is that context: an `Env` while evaluating, a `Ctx` while checking
 * before evaluation; `V` is what variables hold (see Scope).
 */
export interface Def<T, E = Env, V = Result> {
  readonly stmt: T;
  readonly module: Module<E, V>;
  readonly env: E;
  /** Unique in the program: the module's id and the name. */
  readonly id: string;
}

/** The main program or one imported module: its top-level scope and definitions. */
export class Module<E = Env, V = Result> {
  readonly classes = new Map<string, Def<ClassStmt, E, V>>();
  readonly funcs = new Map<string, Def<FuncStmt, E, V>>();
  /** Import names; null for an import that failed, whose names are unknown rather than missing. */
  readonly namespaces = new Map<string, Module<E, V> | null>();
  /** Modules imported `as *`. */
  readonly merged: Module<E, V>[] = [];

  constructor(
    readonly id: string,
    readonly scope: Scope<V>,
    /** Some file or import failed: an unknown name may be defined there, so stay quiet. */
    readonly incomplete: boolean,
  ) {}

  /** A class or function defined here, else in a module merged with `as *` (the first in import order). */
  findClass(name: string): Def<ClassStmt, E, V> | undefined {
    return this.classes.get(name) ?? this.merged.map((m) => m.classes.get(name)).find((d) => d !== undefined);
  }

  findFunc(name: string): Def<FuncStmt, E, V> | undefined {
    return this.funcs.get(name) ?? this.merged.map((m) => m.funcs.get(name)).find((d) => d !== undefined);
  }

  /** Every name usable for `table` from here, for "did you mean". */
  names(table: 'classes' | 'funcs'): string[] {
    const own = [...this[table].keys(), ...this.merged.flatMap((m) => [...m[table].keys()])];
    const qualified = [...this.namespaces].flatMap(([ns, m]) => (m ? [...m[table].keys()].map((n) => `${ns}.${n}`) : []));
    return [...own, ...qualified];
  }

  /**
   * The class or function `name` (`web`, or `lib.web` in an import); null when it is in an
   * import that failed (stay quiet); undefined when there is none.
   */
  resolve<K extends 'classes' | 'funcs'>(table: K, name: string): Def<K extends 'classes' ? ClassStmt : FuncStmt, E, V> | null | undefined {
    type D = Def<K extends 'classes' ? ClassStmt : FuncStmt, E, V>;
    const dot = name.indexOf('.');
    if (dot === -1) return (table === 'classes' ? this.findClass(name) : this.findFunc(name)) as D | undefined;
    const ns = this.namespaces.get(name.slice(0, dot));
    if (ns === undefined || ns === null) return ns;
    // Only the module's own definitions: `as *` inside it does not re-export.
    return ns[table].get(name.slice(dot + 1)) as D | undefined;
  }
}
