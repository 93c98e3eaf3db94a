import type { Value } from '../values.js';
import { T, type Type } from '../../types/type.js';
import { param, type FuncDef, type Module } from './types.js';

/** A function of strings only: the common shape of this module. */
const onStrings = (names: readonly string[], returns: Type, doc: string, f: (...a: string[]) => Value): FuncDef => ({
  params: names.map((n) => param(n, T.str)),
  returns,
  doc,
  call: (args) => f(...(args as string[])),
});

export const strings: Module = {
  split: onStrings(['s', 'sep'], T.list(T.str), 'The parts of `s` between each `sep` (Go `strings.Split`); an empty `sep` splits into characters.', (str, sep) =>
    sep === '' ? [...str] : str.split(sep),
  ),
  join: {
    params: [param('parts', T.list(T.str)), param('sep', T.str)],
    returns: T.str,
    doc: 'The strings of `parts` with `sep` between them.',
    call: ([parts, sep]) => (parts as string[]).join(sep as string),
  },
  trim_space: onStrings(['s'], T.str, '`s` without leading and trailing whitespace.', (str) => str.trim()),
  to_upper: onStrings(['s'], T.str, '`s` in upper case.', (str) => str.toUpperCase()),
  to_lower: onStrings(['s'], T.str, '`s` in lower case.', (str) => str.toLowerCase()),
  replace_all: onStrings(['s', 'old', 'new'], T.str, '`s` with every `old` replaced by `new`.', (str, old, rep) => str.split(old).join(rep)),
  has_prefix: onStrings(['s', 'prefix'], T.bool, 'Whether `s` starts with `prefix`.', (str, p) => str.startsWith(p)),
  has_suffix: onStrings(['s', 'suffix'], T.bool, 'Whether `s` ends with `suffix`.', (str, p) => str.endsWith(p)),
  contains: onStrings(['s', 'sub'], T.bool, 'Whether `sub` occurs in `s`.', (str, sub) => str.includes(sub)),
};
