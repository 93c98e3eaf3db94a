import type { Span } from '@mgmt/resource';

/** Where a JSON value sits: its property key (for object members) and the value itself. */
export interface JsonSpans {
  readonly key?: Span;
  readonly value: Span;
}

/** A JSON syntax error at a 0-based offset. */
export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** The map key for a path: `["plugins",0]`. */
export const pathKey = (path: readonly (string | number)[]): string => JSON.stringify(path);

const LITERAL = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;

/**
 * Scans JSON text and records the span of every value and key by path, so a schema error can
 * point at `file:line:col`. Throws JsonSyntaxError at the first offending character; values
 * themselves come from JSON.parse.
 */
export function scanJson(text: string): Map<string, JsonSpans> {
  const spans = new Map<string, JsonSpans>();
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const fail = (expected: string): never => {
    const found = i >= text.length ? 'end of file' : JSON.stringify(text[i]);
    throw new JsonSyntaxError(`unexpected ${found}, expected ${expected}`, i);
  };
  const string = (what: string): string => {
    const start = i;
    if (text[i] !== '"') fail(what);
    for (i++; i < text.length && text[i] !== '"'; i++) {
      if (text[i] === '\n') fail('a closing `"`');
      if (text[i] === '\\') i++;
    }
    if (i >= text.length) fail('a closing `"`');
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (path: (string | number)[], key?: Span): void => {
    ws();
    const start = i;
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') i++;
      else
        for (;;) {
          ws();
          const ks = i;
          const name = string('a property name in double quotes');
          const keySpan = { start: ks, end: i };
          ws();
          if (text[i] !== ':') fail('`:` after the property name');
          i++;
          value([...path, name], keySpan);
          ws();
          if (text[i] === ',') i++;
          else if (text[i] === '}') { i++; break; }
          else fail('`,` or `}`');
        }
    } else if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') i++;
      else
        for (let n = 0; ; n++) {
          value([...path, n]);
          ws();
          if (text[i] === ',') i++;
          else if (text[i] === ']') { i++; break; }
          else fail('`,` or `]`');
        }
    } else if (c === '"') {
      string('a value');
    } else {
      LITERAL.lastIndex = i;
      const m = LITERAL.exec(text);
      if (!m) fail('a value');
      i += m![0].length;
    }
    spans.set(pathKey(path), key ? { key, value: { start, end: i } } : { value: { start, end: i } });
  };
  value([]);
  ws();
  if (i < text.length) fail('the end of the file');
  return spans;
}
