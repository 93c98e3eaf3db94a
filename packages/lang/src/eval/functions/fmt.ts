import { show, typeName, type Value } from '../values.js';
import { accepts, ArgError, param, type Module, type ParamType } from './types.js';

/** What each verb takes; Go's verbs, without flags, widths or precisions. */
const VERBS: Readonly<Record<string, { type: ParamType; format: (v: Value) => string }>> = {
  s: { type: 'string', format: (v) => v as string },
  d: { type: 'int', format: (v) => String(v) },
  f: { type: 'number', format: (v) => (v as number).toFixed(6) }, // Go's default precision
  t: { type: 'bool', format: (v) => String(v) },
  v: { type: 'any', format: show },
};

function printf(format: string, args: readonly Value[]): string | ArgError {
  let out = '';
  let next = 0;
  for (let i = 0; i < format.length; i++) {
    const ch = format[i]!;
    if (ch !== '%') {
      out += ch;
      continue;
    }
    const verb = format[++i] ?? '';
    if (verb === '%') {
      out += '%';
      continue;
    }
    const spec = Object.hasOwn(VERBS, verb) ? VERBS[verb] : undefined;
    if (!spec) return new ArgError(`unknown verb \`%${verb}\` in the format; the verbs are %s %d %f %t %v and %%`, 0);
    if (next >= args.length) return new ArgError(`the format needs more than the ${args.length} argument${args.length === 1 ? '' : 's'} given`, 0);
    const arg = args[next++]!;
    if (!accepts(spec.type, arg)) return new ArgError('', next, { expected: `${spec.type} for %${verb}`, found: typeName(arg) });
    out += spec.format(arg);
  }
  if (next < args.length) return new ArgError(`the format uses ${next} of the ${args.length} arguments given`, 0);
  return out;
}

export const fmt: Module = {
  printf: {
    params: [param('format', 'string')],
    rest: param('args', 'any'),
    returns: 'string',
    doc: 'The format with each verb replaced by the next argument: `%s` string, `%d` int, `%f` number (6 decimals), `%t` bool, `%v` any value; `%%` is `%`.',
    call: ([format, ...args]) => printf(format as string, args),
  },
};
