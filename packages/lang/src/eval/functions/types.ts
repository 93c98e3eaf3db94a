import { RefValue, typeName, type Value, type ValueMap } from '../values.js';

/** The types a function's params are declared with (`number` takes ints and floats). */
export type ParamType = 'string' | 'int' | 'number' | 'bool' | 'list' | 'list of string' | 'map' | 'any';

export interface FuncParam {
  readonly name: string;
  readonly type: ParamType;
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
}

/** A function's own refusal of an argument of the right type (reported as MCL_INVALID_ARGUMENT). */
export class ArgError {
  constructor(
    readonly reason: string,
    /** The 0-based argument at fault; the call as a whole when absent. */
    readonly arg?: number,
    /** Set when the fault is the argument's type (reported as MCL_TYPE_MISMATCH). */
    readonly mismatch?: { readonly expected: string; readonly found: string },
  ) {}
}

export interface FuncDef {
  readonly params: readonly FuncParam[];
  /** When set, any number of further arguments of this type (0 or more). */
  readonly rest?: FuncParam;
  readonly returns: ParamType;
  readonly doc: string;
  /** Called only with arguments that match `params` and `rest`. */
  readonly call: (args: readonly Value[], ctx: CallContext) => Value | ArgError;
}

/** A module: its functions by name (`split` in `strings.split`). */
export type Module = Readonly<Record<string, FuncDef>>;

export const param = (name: string, type: ParamType): FuncParam => ({ name, type });

export const isMap = (v: Value): v is ValueMap => typeof v === 'object' && !Array.isArray(v) && !(v instanceof RefValue);

/** Whether `v` may be passed for a param of type `t`. */
export function accepts(t: ParamType, v: Value): boolean {
  switch (t) {
    case 'any':
      return true;
    case 'int':
      return Number.isInteger(v);
    case 'number':
      return typeof v === 'number';
    case 'list':
      return Array.isArray(v);
    case 'list of string':
      return Array.isArray(v) && (v as Value[]).every((x) => typeof x === 'string');
    case 'map':
      return isMap(v);
    default:
      return typeName(v) === t;
  }
}

/** `strings.split(s: string, sep: string): list`, for hints and docs. */
export function signature(name: string, f: FuncDef): string {
  const params = f.params.map((p) => `${p.name}: ${p.type}`);
  if (f.rest) params.push(`...${f.rest.name}: ${f.rest.type}`);
  return `${name}(${params.join(', ')}): ${f.returns}`;
}
