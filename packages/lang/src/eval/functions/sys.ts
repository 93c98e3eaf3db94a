import { T } from '../../types/type.js';
import { param, type Module } from './types.js';

export const sys: Module = {
  hostname: {
    params: [],
    returns: T.str,
    doc: 'The name of the host the program is compiled for (`CompileOptions.hostname`).',
    call: (_args, ctx) => ctx.hostname,
  },
  env: {
    params: [param('name', T.str)],
    returns: T.str,
    doc: 'The environment variable `name` of the compiling process, or "" when unset.',
    call: ([name], ctx) => ctx.env(name as string) ?? '',
  },
};
