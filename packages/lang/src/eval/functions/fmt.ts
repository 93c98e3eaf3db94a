import { fits } from '../../types/compat.js';
import { show as showType, T, type Type } from '../../types/type.js';
import { show, typeName, type Value } from '../values.js';
import { accepts, ArgError, param, type Module, type StaticArg } from './types.js';

interface Verb {
  readonly type: Type;
  readonly format: (v: Value) => string;
}

/** What each verb takes; Go's verbs, without flags, widths or precisions. */
const VERBS: Readonly<Record<string, Verb>> = {
  s: { type: T.str, format: (v) => v as string },
  d: { type: T.int, format: (v) => String(v) },
  f: { type: T.num, format: (v) => (v as number).toFixed(6) }, // Go's default precision
  t: { type: T.bool, format: (v) => String(v) },
  v: { type: T.unknown, format: show },
};

/**
 * Walks a format: `text` gets the literal text, `verb` each verb with the index of its
 * argument (and may refuse it). Stops at the first problem, which both the evaluation and
 * the check before it report, in the same words.
 */
function walk(format: string, count: number, verb: (spec: Verb, letter: string, arg: number) => ArgError | undefined, text: (s: string) => void = () => {}): ArgError | undefined {
  let next = 0;
  for (let i = 0; i < format.length; i++) {
    const ch = format[i]!;
    if (ch !== '%') {
      text(ch);
      continue;
    }
    const letter = format[++i] ?? '';
    if (letter === '%') {
      text('%');
      continue;
    }
    const spec = Object.hasOwn(VERBS, letter) ? VERBS[letter] : undefined;
    if (!spec) return new ArgError(`unknown verb \`%${letter}\` in the format; the verbs are %s %d %f %t %v and %%`, 0);
    if (next >= count) return new ArgError(`the format needs more than the ${count} argument${count === 1 ? '' : 's'} given`, 0);
    const refused = verb(spec, letter, next++);
    if (refused) return refused;
  }
  return next < count ? new ArgError(`the format uses ${next} of the ${count} arguments given`, 0) : undefined;
}

function printf(format: string, args: readonly Value[]): string | ArgError {
  let out = '';
  const refused = walk(
    format,
    args.length,
    (spec, letter, i) => {
      const arg = args[i]!;
      if (!accepts(spec.type, arg)) return new ArgError('', i + 1, { expected: `${showType(spec.type)} for %${letter}`, found: typeName(arg) });
      out += spec.format(arg);
      return undefined;
    },
    (s) => (out += s),
  );
  return refused ?? out;
}

/** A literal format is checked before evaluation: its verbs, and the types of the arguments they take. */
function checkFormat([format, ...args]: readonly StaticArg[]): ArgError | undefined {
  if (typeof format?.constant !== 'string') return undefined;
  return walk(format.constant, args.length, (spec, letter, i) => {
    const arg = args[i]!.type;
    return fits(arg, spec.type) === 'no' ? new ArgError('', i + 1, { expected: `${showType(spec.type)} for %${letter}`, found: showType(arg) }) : undefined;
  });
}

export const fmt: Module = {
  printf: {
    params: [param('format', T.str)],
    rest: param('args', T.unknown),
    returns: T.str,
    doc: 'The format with each verb replaced by the next argument: `%s` string, `%d` int, `%f` number (6 decimals), `%t` bool, `%v` any value; `%%` is `%`.',
    call: ([format, ...args]) => printf(format as string, args),
    check: checkFormat,
  },
};
