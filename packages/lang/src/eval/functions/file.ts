import { ArgError, param, type Module } from './types.js';

// Reactive: the agent watches every file read and re-evaluates the program when one changes.
export const file: Module = {
  read: {
    params: [param('path', 'string')],
    returns: 'string',
    doc: 'The content of the file at the absolute path `path`, as UTF-8. Reactive: when the file changes, the program is evaluated again.',
    call: ([path], ctx) => {
      const p = path as string;
      if (!p.startsWith('/')) return new ArgError(`needs an absolute path, found "${p}"`, 0);
      const out = ctx.readFile(p);
      return 'text' in out ? out.text : new ArgError(`cannot read "${p}": ${out.error}`, 0);
    },
  },
};
