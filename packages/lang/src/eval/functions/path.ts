import { posix } from 'node:path';
import { T } from '../../types/type.js';
import { param, type Module } from './types.js';

// Paths are POSIX paths whatever the compiling host: they name things on managed hosts.
export const path: Module = {
  base: { params: [param('p', T.str)], returns: T.str, doc: 'The last element of `p` (`posix.basename`).', call: ([p]) => posix.basename(p as string) },
  dir: { params: [param('p', T.str)], returns: T.str, doc: 'All but the last element of `p` (`posix.dirname`).', call: ([p]) => posix.dirname(p as string) },
  join: {
    params: [param('first', T.str)],
    rest: param('more', T.str),
    returns: T.str,
    doc: 'The elements joined with `/` and normalized (`posix.join`).',
    call: (args) => posix.join(...(args as string[])),
  },
};
