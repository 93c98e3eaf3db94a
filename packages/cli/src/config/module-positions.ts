import { basename } from 'node:path';
import type { Span } from '@mgmt/resource';

/** A syntax error in a JS/TS config: where, and what the parser said. */
export interface ModuleSyntaxError {
  readonly span: Span;
  readonly message: string;
}

interface Found {
  readonly line: number; // 1-based
  readonly column: number; // 0-based, as jiti, esbuild and node's caret give it
  readonly message: string;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Where the loader's own error says the syntax error is, in its several shapes. */
function fromError(err: unknown, filepath: string): Found | undefined {
  const e = err as { message?: unknown; stack?: unknown; errors?: { text?: string; location?: { file?: string; line?: number; column?: number } }[] };
  // esbuild (tsx, when the agent runs from source): structured errors.
  const first = Array.isArray(e.errors) ? e.errors[0] : undefined;
  if (first?.location?.line !== undefined && first.location.column !== undefined && basename(first.location.file ?? '') === basename(filepath)) {
    return { line: first.location.line, column: first.location.column, message: first.text ?? '' };
  }
  const message = typeof e.message === 'string' ? e.message : '';
  // jiti (TS configs): "ParseError: Unexpected token \n /path/mgmt.config.ts:2:16".
  const at = new RegExp(`${escape(filepath)}:(\\d+):(\\d+)`).exec(message);
  if (at) return { line: Number(at[1]), column: Number(at[2]), message: message.split('\n')[0]!.replace(/^\w*Error: /, '') };
  // node's CommonJS loader: the stack starts "/path/x.cjs:2\n<the line>\n   ^".
  const stack = typeof e.stack === 'string' ? e.stack : '';
  const cjs = new RegExp(`^${escape(filepath)}:(\\d+)\\n.*\\n( *)\\^`).exec(stack);
  if (cjs) return { line: Number(cjs[1]), column: cjs[2]!.length, message };
  return undefined;
}

/**
 * Node's ESM loader says only "SyntaxError: Unexpected token ','", with no place. Parsing the
 * text again with jiti's transform (which runs nothing) finds it: jiti marks a parse error in
 * its output as `exports.__JITI_ERROR__ = {line, column, message}` (its own convention, so
 * anything else simply means no position).
 */
async function fromJiti(filepath: string, source: string): Promise<Found | undefined> {
  try {
    const { createJiti } = await import('jiti');
    const out = createJiti(import.meta.url).transform({ source, filename: filepath, ts: /\.[cm]?ts$/.test(filepath) });
    const marked = /__JITI_ERROR__ = (\{.*\})/.exec(out)?.[1];
    if (marked === undefined) return undefined;
    const e = JSON.parse(marked) as { line?: unknown; column?: unknown; message?: unknown };
    if (typeof e.line !== 'number' || typeof e.column !== 'number') return undefined;
    return { line: e.line, column: e.column, message: typeof e.message === 'string' ? e.message : '' };
  } catch {
    return undefined;
  }
}

/**
 * Where a JS/TS config's syntax error is, when the loader's error says so (jiti, esbuild,
 * node's CommonJS loader) or, for a SyntaxError that does not (node's ESM loader), when jiti
 * finds one parsing the text; undefined for anything else, such as an error the config threw.
 */
export async function moduleSyntaxError(err: unknown, filepath: string, source: string): Promise<ModuleSyntaxError | undefined> {
  const found = fromError(err, filepath) ?? ((err as { name?: unknown }).name === 'SyntaxError' ? await fromJiti(filepath, source) : undefined);
  if (found === undefined) return undefined;
  const lines = source.split('\n');
  const line = Math.min(Math.max(found.line, 1), lines.length);
  const start = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + Math.min(found.column, lines[line - 1]!.length);
  let message = found.message.trim() || 'syntax error';
  // jiti's "Unexpected token" says nothing of which one; the text does.
  const token = /^\S/.test(source.slice(start)) ? /^(\w+|\S)/.exec(source.slice(start))?.[1] : undefined;
  if (/^Unexpected token$/.test(message) && token !== undefined) message = `Unexpected token \`${token}\``;
  return { span: { start, end: start + (token?.length ?? 1) }, message };
}
