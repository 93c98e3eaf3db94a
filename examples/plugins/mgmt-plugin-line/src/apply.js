import { readText, withLine, withoutLine, writeAtomic } from './line-file.js';

/**
 * Makes it so in one call, or throws. It reads the file again rather than trusting `diff`
 * alone: another writer may have changed it since check, and the result must be right anyway.
 * @param {import('@mgmt/resource').ResourceContext<import('./params.js').LineParams>} ctx
 * @param {import('./check.js').LineDiff} diff
 */
export async function apply(ctx, diff) {
  const { path, line } = ctx.params;
  const text = await readText(path);
  const next = diff === 'append' ? withLine(text, line) : withoutLine(text ?? '', line);
  if (next === text) return;
  await writeAtomic(path, next);
  ctx.log.info(`${diff === 'append' ? 'appended' : 'removed'} a line in ${path}`);
}
