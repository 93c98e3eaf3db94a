import type { ResourceRef } from '@mgmt/resource';
import { createsPath, parentDirId } from './creates.js';
import type { ExecParams } from './params.js';

/**
 * An exec with `creates` comes after the `file` resource of that path's parent directory:
 * the command makes the path, so the directory must exist first (`creates => "/opt/app/.built"`
 * after `file "/opt/app/" {}`). Not after a `file` resource of the path itself: that resource
 * would make the path, and the exec would then never run; the useful order there is the other
 * way round (the exec makes it, the file sets its mode), which the user writes as an edge.
 * The engine drops refs to resources not in the graph, and skips all of this with
 * `Meta:autoedge => false`.
 */
export function autoEdges(params: ExecParams): readonly ResourceRef[] {
  const path = createsPath(params);
  const dir = path === undefined ? undefined : parentDirId(path);
  return dir === undefined ? [] : [{ kind: 'file', id: dir }];
}
