import { randomBytes } from 'node:crypto';
import { chown, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * The file's text, or undefined when it does not exist.
 * @param {string} path
 * @returns {Promise<string | undefined>}
 */
export async function readText(path) {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if (/** @type {NodeJS.ErrnoException} */ (err).code === 'ENOENT') return undefined;
    throw err;
  }
}

/**
 * The file's lines, without their newlines (a last line without one counts too).
 * @param {string} text
 */
export const linesOf = (text) => (text === '' ? [] : text.replace(/\r?\n$/, '').split(/\r?\n/));

/**
 * `text` with `line` appended on a line of its own.
 * @param {string | undefined} text
 * @param {string} line
 */
export function withLine(text, line) {
  if (!text) return `${line}\n`;
  return `${text}${text.endsWith('\n') ? '' : '\n'}${line}\n`;
}

/**
 * `text` without any line equal to `line`; other lines, and their newlines, are kept.
 * @param {string} text
 * @param {string} line
 */
export function withoutLine(text, line) {
  return text
    .split(/(?<=\n)/)
    .filter((l) => l.replace(/\r?\n$/, '') !== line)
    .join('');
}

/**
 * Replaces `path` with `text` atomically: a temp file in the same directory, then rename(2),
 * so a reader sees the old file or the new one, never half of it. An existing file's mode
 * (and, when allowed, owner) carries over; a new file gets 0644.
 * @param {string} path
 * @param {string} text
 */
export async function writeAtomic(path, text) {
  const old = await stat(path).catch(() => undefined);
  const tmp = join(dirname(path), `.${basename(path)}.mgmt-line-${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, text, { mode: old ? old.mode & 0o7777 : 0o644, flag: 'wx' });
    if (old && (old.uid !== process.getuid?.() || old.gid !== process.getgid?.())) await chown(tmp, old.uid, old.gid).catch(() => {});
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}
