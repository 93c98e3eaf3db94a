import { posix } from 'node:path';
import { param, type Module } from './types.js';

// Paths are POSIX paths whatever the compiling host: they name things on managed hosts.
export const path: Module = {
  base: { params: [param('p', 'string')], returns: 'string', doc: 'The last element of `p` (`posix.basename`).', call: ([p]) => posix.basename(p as string) },
  dir: { params: [param('p', 'string')], returns: 'string', doc: 'All but the last element of `p` (`posix.dirname`).', call: ([p]) => posix.dirname(p as string) },
  join: {
    params: [param('first', 'string')],
    rest: param('more', 'string'),
    returns: 'string',
    doc: 'The elements joined with `/` and normalized (`posix.join`).',
    call: (args) => posix.join(...(args as string[])),
  },
};
