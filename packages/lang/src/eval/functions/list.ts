import { equal, type Value } from '../values.js';
import { param, type Module } from './types.js';

export const list: Module = {
  len: {
    params: [param('l', 'list')],
    returns: 'int',
    doc: 'The number of elements of `l`.',
    call: ([l]) => (l as Value[]).length,
  },
  contains: {
    params: [param('l', 'list'), param('x', 'any')],
    returns: 'bool',
    doc: 'Whether an element of `l` equals `x` (as `==` does).',
    call: ([l, x]) => (l as Value[]).some((item) => equal(item, x!)),
  },
};
