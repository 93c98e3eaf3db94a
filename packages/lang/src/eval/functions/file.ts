import { T } from '../../types/type.js';
import { ArgError, param, type Module } from './types.js';

const relative = (p: string): ArgError | undefined => (p.startsWith('/') ? undefined : new ArgError(`needs an absolute path, found "${p}"`, 0));

// Reactive: the agent watches every file read and re-evaluates the program when one changes.
export const file: Module = {
  read: {
    params: [param('path', T.str)],
    returns: T.str,
    doc: 'The content of the file at the absolute path `path`, as UTF-8. Reactive: when the file changes, the program is evaluated again.',
    call: ([path], ctx) => {
      const p = path as string;
      const bad = relative(p);
      if (bad) return bad;
      const out = ctx.readFile(p);
      return 'text' in out ? out.text : new ArgError(`cannot read "${p}": ${out.error}`, 0);
    },
    // A literal relative path is wrong whatever runs; whether a file can be read is not known before.
    check: ([path]) => (typeof path?.constant === 'string' ? relative(path.constant) : undefined),
  },
};
