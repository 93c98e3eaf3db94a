import type { Span } from '@mgmt/resource';
import { pathKey, type JsonSpans } from './json-positions.js';

type Path = (string | number)[];

interface Frame {
  readonly indent: number;
  readonly path: Path;
  readonly kind: 'map' | 'seq';
  next: number;
}

/** A `key:` at the start of a line's body: plain, or quoted in either style. */
const KEY = /^(?:"((?:[^"\\]|\\.)*)"|'((?:[^']|'')*)'|([^\s#'"[\]{},&*!|>%@`-][^#]*?|-[^\s#][^#]*?))[ \t]*:(?=[ \t]|$)/;

/** The value text of a line without its trailing comment (a `#` after a space, outside quotes). */
function withoutComment(text: string): string {
  const quote = text[0] === '"' || text[0] === "'" ? text[0] : undefined;
  const from = quote === undefined ? 0 : Math.max(1, text.indexOf(quote, 1) + 1);
  const hash = text.slice(from).search(/\s#/);
  return (hash === -1 ? text : text.slice(0, from + hash)).trimEnd();
}

/** How far `[`/`{` nesting goes up (or down) over `text`, outside quotes. */
function depthChange(text: string): number {
  let depth = 0;
  let quote: string | undefined;
  for (const c of text) {
    if (quote) quote = c === quote ? undefined : quote;
    else if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') depth--;
  }
  return depth;
}

/**
 * Where the keys and block-list items of a YAML config sit, by path (the map `scanJson`
 * gives for JSON), so a schema error can point at `file:line:col`. The values come from
 * js-yaml; this only follows the block layout config files use: `key: value` mappings and
 * `- item` lists, nested by indentation. A flow collection (`[a, b]`) or a multi-line scalar
 * is one value: an error inside it points at its key. Paths it cannot place are absent.
 */
export function scanYaml(text: string): Map<string, JsonSpans> {
  const spans = new Map<string, JsonSpans>();
  const stack: Frame[] = [];
  let pending: Path | undefined; // a key or item with no value on its line: its children follow
  let skipDeeperThan: number | undefined; // the lines of a block scalar
  let flowDepth = 0; // inside a flow collection that spans lines

  /** The container a `kind` entry at column `col` belongs to, opened when it is new. */
  const containerAt = (col: number, kind: Frame['kind']): Frame => {
    for (;;) {
      const top = stack.at(-1);
      if (top === undefined || top.indent < col) break;
      if (top.indent === col && top.kind === kind) {
        pending = undefined; // a sibling: the entry before had no children after all
        return top;
      }
      // `key:` then `- item` at the key's own indentation: the list is the key's value.
      if (top.indent === col && kind === 'seq' && pending !== undefined) break;
      stack.pop();
    }
    const frame: Frame = { indent: col, path: pending ?? stack.at(-1)?.path ?? [], kind, next: 0 };
    stack.push(frame);
    pending = undefined;
    return frame;
  };

  /** One entry (and any entry nested on the same line, `- key: v`) starting at `col`. */
  const entry = (lineStart: number, col: number, body: string): void => {
    const span = (from: number, length: number): Span => ({ start: lineStart + from, end: lineStart + from + Math.max(1, length) });
    if (body === '-' || body.startsWith('- ')) {
      const seq = containerAt(col, 'seq');
      const path = [...seq.path, seq.next++];
      const rest = body.slice(1).trimStart();
      const at = col + body.length - rest.length;
      if (rest === '' || rest.startsWith('#')) {
        spans.set(pathKey(path), { value: span(col, 1) });
        pending = path;
        return;
      }
      spans.set(pathKey(path), { value: span(at, withoutComment(rest).length) });
      pending = path;
      entry(lineStart, at, rest);
      if (pending === path) pending = undefined; // a scalar item: nothing nests under it
      return;
    }
    const m = KEY.exec(body);
    if (!m) {
      flowDepth = Math.max(0, depthChange(body));
      return;
    }
    const map = containerAt(col, 'map');
    const name = m[1] !== undefined ? (JSON.parse(`"${m[1]}"`) as string) : m[2] !== undefined ? m[2].replace(/''/g, "'") : m[3]!.trimEnd();
    const path = [...map.path, name];
    const keySpan = span(col, m[0].replace(/[ \t]*:$/, '').length);
    const rest = body.slice(m[0].length).trimStart();
    const value = withoutComment(rest);
    if (value === '') {
      spans.set(pathKey(path), { key: keySpan, value: keySpan });
      pending = path;
      return;
    }
    spans.set(pathKey(path), { key: keySpan, value: span(col + body.length - rest.length, value.length) });
    if (/^[|>]/.test(value)) skipDeeperThan = col;
    else flowDepth = Math.max(0, depthChange(value));
  };

  let lineStart = 0;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    const indent = line.length - line.trimStart().length;
    const body = line.trimStart();
    const start = lineStart;
    lineStart += raw.length + 1;
    if (flowDepth > 0) {
      flowDepth = Math.max(0, flowDepth + depthChange(body));
      continue;
    }
    if (skipDeeperThan !== undefined) {
      if (body === '' || indent > skipDeeperThan) continue;
      skipDeeperThan = undefined;
    }
    if (body === '' || body.startsWith('#') || /^(---|\.\.\.|%)/.test(body)) continue;
    entry(start, indent, body);
  }
  return spans;
}
