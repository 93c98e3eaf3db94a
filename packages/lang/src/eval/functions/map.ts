import type { ValueMap } from '../values.js';
import { freshVar, T } from '../../types/type.js';
import { param, type Module } from './types.js';

const m = param('m', T.map(T.unknown));
// `map.values` gives a list of the map's value type: a variable, made fresh for each call.
const V = freshVar();

// Keys are sorted so that results never depend on how a map was written.
export const map: Module = {
  keys: { params: [m], returns: T.list(T.str), doc: 'The keys of `m`, sorted.', call: ([v]) => Object.keys(v as ValueMap).sort() },
  values: {
    params: [param('m', T.map(V))],
    returns: T.list(V),
    doc: 'The values of `m`, in the order of its sorted keys.',
    call: ([v]) => Object.keys(v as ValueMap).sort().map((k) => (v as ValueMap)[k]!),
  },
  has_key: {
    params: [m, param('key', T.str)],
    returns: T.bool,
    doc: 'Whether `m` has the key `key`.',
    call: ([v, key]) => Object.hasOwn(v as ValueMap, key as string),
  },
};
