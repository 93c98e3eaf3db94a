import type { ResourceRef } from '@mgmt/resource';
import type { FileParams } from './params.js';
import { parentDirId } from './spec.js';

/**
 * A file comes after the `file` resource of its parent directory (`/a/b` and `/a/b/` both
 * after `/a/`), so directories are created before what they hold. The engine drops refs to
 * resources that are not in the graph, so this is safe to return unconditionally.
 */
export function autoEdges(params: FileParams, name: string): readonly ResourceRef[] {
  const parent = parentDirId(params.path ?? name);
  return parent === undefined ? [] : [{ kind: 'file', id: parent }];
}
