import type { Diagnostic } from '@mgmt/resource';
import { lineIndex } from './position.js';

export interface RenderOptions {
  /** ANSI colours, for a terminal. */
  readonly color?: boolean;
}

const TAB = 4;
const CONTEXT_LINES = 2;

/** The display width of `text` with tabs expanded to the next multiple of TAB. */
function expand(text: string): string {
  let out = '';
  for (const ch of text) out += ch === '\t' ? ' '.repeat(TAB - (out.length % TAB)) : ch;
  return out;
}

const ansi = (on: boolean) => (code: number, s: string) => (on ? `\x1b[${code}m${s}\x1b[0m` : s);

/**
 * Renders one diagnostic the one way every source error looks (STYLE.md lesson 7):
 *
 *     web.mcl:12:5 - error MCL_UNKNOWN_PARAM: kind `file` has no param `mdoe`
 *       11 | file "/etc/nginx.conf" {
 *     > 12 |     mdoe => "0644",
 *          |     ^~~~
 *     hint: did you mean `mode`? See `mgmt docs file`.
 *
 * Lines and columns are 1-based, columns count characters. A span over several lines is
 * underlined to the end of its first line. Without a file (or its text) there is no frame.
 */
export function renderDiagnostic(d: Diagnostic, sources: ReadonlyMap<string, string>, opts: RenderOptions = {}): string {
  const paint = ansi(opts.color === true);
  const head = `${paint(d.severity === 'error' ? 31 : 33, d.severity)} ${paint(90, d.code)}: ${d.message}`;
  const hint = d.hint ? [`${paint(36, 'hint')}: ${d.hint}`] : [];
  const text = d.file === undefined ? undefined : sources.get(d.file);
  if (d.file === undefined) return [head, ...hint].join('\n');
  if (!d.span || text === undefined) return [`${paint(36, d.file)} - ${head}`, ...hint].join('\n');

  const index = lineIndex(text);
  const { line, column } = index.locate(d.span.start);
  const width = String(line + 1).length;
  const frame: string[] = [];
  for (let l = Math.max(0, line - CONTEXT_LINES); l <= line; l++) {
    const mark = l === line ? paint(31, '>') : ' ';
    frame.push(`${mark} ${String(l + 1).padStart(width)} | ${expand(index.lineText(l))}`.trimEnd());
  }
  const source = index.lineText(line);
  const from = expand(source.slice(0, column)).length;
  const to = expand(source.slice(0, Math.max(column, d.span.end - (d.span.start - column)))).length;
  const caret = `^${'~'.repeat(Math.max(0, to - from - 1))}`;
  frame.push(`  ${' '.repeat(width)} | ${' '.repeat(from)}${paint(31, caret)}`);
  return [`${paint(36, `${d.file}:${line + 1}:${column + 1}`)} - ${head}`, ...frame, ...hint].join('\n');
}
