import { converged, drifted, type CheckResult, type ResourceContext } from '@mgmt/resource';
import { chooseBackend } from './detect.js';
import { describe, type PkgDiff } from './diff.js';
import { packageName, PACKAGE_NAME, type PkgParams } from './params.js';
import { plan } from './plan.js';
import { packageQueue } from './queue.js';

/**
 * Reads the package through its backend (read-only: dpkg-query, apt-cache, or a Resolve
 * transaction). Counted by the package queue, so applies that follow checks running together
 * still join one transaction.
 */
export function check(ctx: ResourceContext<PkgParams>): Promise<CheckResult<PkgDiff>> {
  return packageQueue.whileChecking(() => read(ctx));
}

async function read(ctx: ResourceContext<PkgParams>): Promise<CheckResult<PkgDiff>> {
  const name = packageName(ctx.params, ctx.name);
  if (!PACKAGE_NAME.test(name)) throw new Error(`${JSON.stringify(name)} is not a package name; set \`name\` when the resource name is only a label`);
  const backend = await chooseBackend(ctx.params.backend);
  const status = await backend.status(name, ctx.params.state === 'newest');
  const diff = plan(backend.name, name, ctx.params.state, status);
  return diff ? drifted(diff, [describe(diff)]) : converged;
}
