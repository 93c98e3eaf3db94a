import type { Location } from './codes.js';

/** Line starts of one text, for turning 0-based offsets into lines and columns. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** The 0-based line and column (in characters) of an offset. */
  locate(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, column: offset - this.starts[lo]! };
  }

  /** Line `line` (0-based) without its line break. */
  lineText(line: number): string {
    const start = this.starts[line] ?? this.text.length;
    const next = this.starts[line + 1];
    return this.text.slice(start, next === undefined ? undefined : next - 1).replace(/\r$/, '');
  }
}

// Diagnostics for one file are rendered together, so remembering the last index is enough.
let last: LineIndex | undefined;

export function lineIndex(text: string): LineIndex {
  if (last?.text !== text) last = new LineIndex(text);
  return last;
}

/** The 1-based location of an offset, as hints print it. */
export function locationOf(file: string, text: string, offset: number): Location {
  const { line, column } = lineIndex(text).locate(offset);
  return { file, line: line + 1, column: column + 1 };
}
