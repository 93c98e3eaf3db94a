import type { z } from '@mgmt/resource';
import { typeName } from '../eval/values.js';

export type Issue = z.core.$ZodIssue;

/** An issue in words: a wrong type, or a value the schema refuses for another reason. */
export type Explained =
  | { readonly mismatch: true; readonly expected: string; readonly found: string }
  | { readonly mismatch: false; readonly reason: string };

const TYPE_WORDS: Readonly<Record<string, string>> = {
  boolean: 'bool',
  array: 'list',
  tuple: 'list',
  object: 'map',
  record: 'map',
  map: 'map',
  bigint: 'int',
  undefined: 'nothing',
};

// zod's built-in messages start like this; anything else is a schema author's own words.
const DEFAULT_MESSAGE = /^(Invalid|Too (small|big)|Unrecognized|Expected)\b/;

const bound = (origin: string, n: number | bigint, inclusive: boolean | undefined, small: boolean): string => {
  const unit = origin === 'string' ? ` character${n === 1 ? '' : 's'} long` : origin === 'array' ? ` item${n === 1 ? '' : 's'}` : '';
  if (unit) return `must be at ${small ? 'least' : 'most'} ${n}${unit}`;
  return `must be ${small ? (inclusive ? 'at least' : 'more than') : inclusive ? 'at most' : 'less than'} ${n}`;
};

/**
 * Turns a zod issue about `found` (the value at the issue's path) into plain words.
 * `schema` is the schema at that path, when known: zod says "expected number" for an int.
 */
export function explainIssue(issue: Issue, found: unknown, schema?: z.ZodType): Explained {
  if (issue.code === 'invalid_type') {
    const expected = issue.expected === 'number' && isInt(schema) ? 'int' : (TYPE_WORDS[issue.expected] ?? issue.expected);
    return { mismatch: true, expected, found: typeName(found) };
  }
  if (!DEFAULT_MESSAGE.test(issue.message)) return { mismatch: false, reason: issue.message };
  switch (issue.code) {
    case 'invalid_format':
      return { mismatch: false, reason: issue.pattern ? `must match the pattern ${issue.pattern}` : `must be a valid ${issue.format}` };
    case 'invalid_value':
      return { mismatch: false, reason: `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}` };
    case 'too_small':
      return { mismatch: false, reason: bound(issue.origin, issue.minimum, issue.inclusive, true) };
    case 'too_big':
      return { mismatch: false, reason: bound(issue.origin, issue.maximum, issue.inclusive, false) };
    case 'not_multiple_of':
      return { mismatch: false, reason: `must be a multiple of ${issue.divisor}` };
    default:
      return { mismatch: false, reason: issue.message.charAt(0).toLowerCase() + issue.message.slice(1) };
  }
}

const isInt = (schema: z.ZodType | undefined): boolean => (schema as { isInt?: unknown } | undefined)?.isInt === true;

/** The schema that validates the value at `path`, looking through optional and default. */
export function schemaAt(schema: z.ZodType, path: readonly PropertyKey[]): z.ZodType | undefined {
  let s: z.ZodType | undefined = schema;
  for (let i = 0; s && i <= path.length; ) {
    const def = s.def as { type: string; innerType?: z.ZodType; shape?: Record<string, z.ZodType>; element?: z.ZodType; valueType?: z.ZodType };
    if (def.innerType) {
      s = def.innerType; // optional, nullable, default, readonly…
      continue;
    }
    if (i === path.length) break;
    const key = path[i++]!;
    s = def.shape ? def.shape[String(key)] : (def.element ?? def.valueType);
  }
  return s;
}
