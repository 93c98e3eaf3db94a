import type { ResourceContext } from '@mgmt/resource';
import type { PkgDiff } from './diff.js';
import { describe } from './diff.js';
import type { PkgParams } from './params.js';
import { packageQueue } from './queue.js';

/**
 * Hands the operation to the process-wide package queue, which runs it (grouped with other
 * pkg resources' operations of the same kind) and settles when its transaction did.
 */
export async function apply(ctx: ResourceContext<PkgParams>, diff: PkgDiff): Promise<void> {
  await packageQueue.enqueue(diff.backend, diff.action, diff.op, ctx.signal);
  ctx.log.info(describe(diff));
}
