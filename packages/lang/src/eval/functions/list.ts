import { equal, type Value } from '../values.js';
import { T } from '../../types/type.js';
import { param, type Module } from './types.js';

export const list: Module = {
  len: {
    params: [param('l', T.list(T.unknown))],
    returns: T.int,
    doc: 'The number of elements of `l`.',
    call: ([l]) => (l as Value[]).length,
  },
  contains: {
    params: [param('l', T.list(T.unknown)), param('x', T.unknown)],
    returns: T.bool,
    doc: 'Whether an element of `l` equals `x` (as `==` does).',
    call: ([l, x]) => (l as Value[]).some((item) => equal(item, x!)),
  },
};
