import type { Readable } from 'node:stream';

/** Characters of raw output kept per stream and run (the rest is logged, not kept). */
export const MAX_KEPT_OUTPUT = 16 * 1024 * 1024;
/** A "line" longer than this is passed on in pieces, so one endless line cannot eat memory. */
const MAX_LINE = 64 * 1024;
/** How many last lines `tail()` can return: enough for an error message. */
const TAIL_LINES = 10;

export interface Collector {
  /** The raw text read so far (up to the limit). */
  readonly text: () => string;
  /** True when output beyond the limit was dropped from `text()`. */
  readonly truncated: () => boolean;
  /** The last `n` non-empty lines (n ≤ 10). */
  readonly tail: (n: number) => readonly string[];
  /** Passes on a last line that had no newline. Idempotent; call once the stream is done. */
  readonly finish: () => void;
}

/**
 * Reads a child's stdout or stderr as UTF-8 text, calling `onLine` once per line (without its
 * `\n` or `\r\n`) while keeping up to `limit` characters of the raw text.
 */
export function collectLines(stream: Readable, onLine: (line: string) => void, limit = MAX_KEPT_OUTPUT): Collector {
  let raw = '';
  let dropped = false;
  let carry = '';
  const last: string[] = [];
  const emit = (line: string): void => {
    const clean = line.endsWith('\r') ? line.slice(0, -1) : line;
    if (clean !== '') {
      last.push(clean);
      if (last.length > TAIL_LINES) last.shift();
    }
    onLine(clean);
  };
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    if (raw.length + chunk.length <= limit) raw += chunk;
    else {
      raw += chunk.slice(0, Math.max(0, limit - raw.length));
      dropped = true;
    }
    const parts = (carry + chunk).split('\n');
    carry = parts.pop() ?? '';
    for (const part of parts) emit(part);
    if (carry.length > MAX_LINE) {
      emit(carry);
      carry = '';
    }
  });
  return {
    text: () => raw,
    truncated: () => dropped,
    tail: (n) => (n > 0 ? last.slice(-n) : []),
    finish: () => {
      if (carry !== '') emit(carry);
      carry = '';
    },
  };
}

/** Keeps up to `limit` characters of text added in pieces (the chunks of a stream or two). */
export function keepText(limit = MAX_KEPT_OUTPUT): { add: (chunk: string) => void; text: () => string; truncated: () => boolean } {
  let raw = '';
  let dropped = false;
  return {
    add: (chunk) => {
      if (raw.length + chunk.length <= limit) raw += chunk;
      else {
        raw += chunk.slice(0, Math.max(0, limit - raw.length));
        dropped = true;
      }
    },
    text: () => raw,
    truncated: () => dropped,
  };
}
