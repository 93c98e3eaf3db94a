import { converged, drifted } from '@mgmt/resource';
import { linesOf, readText } from './line-file.js';

/** @typedef {'append' | 'remove'} LineDiff  what apply must do */

/**
 * Reads the file and compares: cheap and without side effects (it runs after every event,
 * and alone in --noop, where `changes` is what gets printed).
 * @param {import('@mgmt/resource').ResourceContext<import('./params.js').LineParams>} ctx
 * @returns {Promise<import('@mgmt/resource').CheckResult<LineDiff>>}
 */
export async function check(ctx) {
  const { path, line, state } = ctx.params;
  const text = await readText(path);
  const count = text === undefined ? 0 : linesOf(text).filter((l) => l === line).length;
  if (state === 'present') {
    if (count > 0) return converged;
    return drifted('append', [text === undefined ? `create ${path} holding the line` : `append the line to ${path}`]);
  }
  if (count === 0) return converged;
  return drifted('remove', [`remove ${count === 1 ? 'the line' : `${count} copies of the line`} from ${path}`]);
}
