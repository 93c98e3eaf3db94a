import type { Constant } from '../../ast/constant.js';
import { resolve, show, type Type } from '../../types/type.js';
import { RefValue, type Value, type ValueMap } from '../values.js';

/** A param of a standard function, with its static type (see src/types/type.ts). */
export interface FuncParam {
  readonly name: string;
  readonly type: Type;
}

/**
 * What a function may ask of the program's surroundings. `hostname` and `env` never change
 * during a run; `readFile` and `now` are reactive inputs: the evaluator records each use
 * (`CompileResult.inputs`), so the agent knows what to watch and re-evaluates on a change.
 */
export interface CallContext {
  readonly hostname: string;
  readonly env: (name: string) => string | undefined;
  /** The text of the file at an absolute path, or an error message. Recorded as an input. */
  readonly readFile: (path: string) => { readonly text: string } | { readonly error: string };
  /** Seconds since the epoch (an int). Recorded as an input: the clock. */
  readonly now: () => number;
  /**
   * The text of the os-release file (`CompileOptions.osRelease`, else `/etc/os-release` or
   * `/usr/lib/os-release`, read at most once per compile; "" when there is none). Not an
   * input: the distribution does not change under a running agent.
   */
  readonly osRelease: () => string;
}

/** A function's own refusal of an argument of the right type (reported as MCL_INVALID_ARGUMENT). */
export class ArgError {
  constructor(
    readonly reason: string,
    /** The 0-based argument at fault; the call as a whole when absent. */
    readonly arg?: number,
    /** Set when the fault is the argument's type (reported as MCL_TYPE_MISMATCH). */
    readonly mismatch?: { readonly expected: string; readonly found: string },
    /** The characters at fault in the string argument `arg` (end-exclusive): shown there when it is a literal. */
    readonly at?: { readonly start: number; readonly end: number },
  ) {}
}

/** An argument as the checker sees it before evaluation: its type, and its value when it is a literal. */
export interface StaticArg {
  readonly type: Type;
  readonly constant?: Constant;
}

export interface FuncDef {
  readonly params: readonly FuncParam[];
  /** When set, any number of further arguments of this type (0 or more). */
  readonly rest?: FuncParam;
  /** May hold type variables (`map.values` returns a list of the map's values): each call gets fresh ones. */
  readonly returns: Type;
  readonly doc: string;
  /** Called only with arguments that match `params` and `rest`. */
  readonly call: (args: readonly Value[], ctx: CallContext) => Value | ArgError;
  /**
   * Checks before evaluation what `call` would refuse, when the arguments tell (a literal
   * format of `fmt.printf`); called only with arguments whose types fit. Must agree with
   * `call`: the same refusal, with the same words.
   */
  readonly check?: (args: readonly StaticArg[]) => ArgError | undefined;
}

/** A module: its functions by name (`split` in `strings.split`). */
export type Module = Readonly<Record<string, FuncDef>>;

export const param = (name: string, type: Type): FuncParam => ({ name, type });

export const isMap = (v: Value): v is ValueMap => typeof v === 'object' && !Array.isArray(v) && !(v instanceof RefValue);

/** Whether the value `v` has type `t` (at run time: a list's elements are all checked). */
export function accepts(t: Type, v: Value): boolean {
  const r = resolve(t);
  switch (r.k) {
    case 'str':
      return typeof v === 'string';
    case 'bool':
      return typeof v === 'boolean';
    case 'int':
      return Number.isInteger(v);
    case 'float':
      return typeof v === 'number' && !Number.isInteger(v);
    case 'num':
      return typeof v === 'number';
    case 'ref':
      return v instanceof RefValue;
    case 'list':
      return Array.isArray(v) && (v as Value[]).every((x) => accepts(r.elem, x));
    case 'map':
    case 'record':
      return isMap(v) && (r.k === 'record' || Object.values(v).every((x) => accepts(r.value, x)));
    case 'union':
      return r.of.some((o) => accepts(o, v));
    default:
      return true;
  }
}

/** What an arity error says a function takes: `2 arguments`, `at least 1 argument`. */
export function takes(f: FuncDef): string {
  const n = f.params.length;
  const count = `${n} argument${n === 1 ? '' : 's'}`;
  return f.rest ? `at least ${count}` : count;
}

/** Whether `n` arguments are a valid number for `f`. */
export const arityFits = (f: FuncDef, n: number): boolean => n >= f.params.length && (f.rest !== undefined || n <= f.params.length);

/** `strings.split(s: string, sep: string): list of string`, for hints and docs. */
export function signature(name: string, f: FuncDef): string {
  const params = f.params.map((p) => `${p.name}: ${show(p.type)}`);
  if (f.rest) params.push(`...${f.rest.name}: ${show(f.rest.type)}`);
  return `${name}(${params.join(', ')}): ${show(f.returns)}`;
}
