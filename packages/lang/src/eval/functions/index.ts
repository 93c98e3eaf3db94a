import { datetime } from './datetime.js';
import { file } from './file.js';
import { fmt } from './fmt.js';
import { list } from './list.js';
import { map } from './map.js';
import { math } from './math.js';
import { os } from './os.js';
import { path } from './path.js';
import { strings } from './strings.js';
import { sys } from './sys.js';
import { template } from './template.js';
import type { FuncDef, Module } from './types.js';

export { ArgError, accepts, arityFits, signature, takes, type CallContext, type FuncDef, type StaticArg } from './types.js';
export { reportArgError } from './arg-error.js';

const MODULES: Readonly<Record<string, Module>> = { datetime, file, fmt, list, map, math, os, path, strings, sys };

/** Functions without a module, called by their bare name as in the Go mgmt (a user function of that name comes first). */
const GLOBALS: Module = { template };

/** Every function by its full name (`strings.split`, `template`), sorted. */
export const FUNCTIONS: ReadonlyMap<string, FuncDef> = new Map(
  [...Object.entries(MODULES).flatMap(([mod, fns]) => Object.entries(fns).map(([name, f]): [string, FuncDef] => [`${mod}.${name}`, f])), ...Object.entries(GLOBALS)].sort(
    ([a], [b]) => (a < b ? -1 : 1),
  ),
);
