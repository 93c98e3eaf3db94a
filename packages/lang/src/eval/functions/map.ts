import type { ValueMap } from '../values.js';
import { param, type Module } from './types.js';

const m = param('m', 'map');

// Keys are sorted so that results never depend on how a map was written.
export const map: Module = {
  keys: { params: [m], returns: 'list', doc: 'The keys of `m`, sorted.', call: ([v]) => Object.keys(v as ValueMap).sort() },
  values: {
    params: [m],
    returns: 'list',
    doc: 'The values of `m`, in the order of its sorted keys.',
    call: ([v]) => Object.keys(v as ValueMap).sort().map((k) => (v as ValueMap)[k]!),
  },
  has_key: {
    params: [m, param('key', 'string')],
    returns: 'bool',
    doc: 'Whether `m` has the key `key`.',
    call: ([v, key]) => Object.hasOwn(v as ValueMap, key as string),
  },
};
