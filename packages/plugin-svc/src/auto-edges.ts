import type { ResourceRef } from '@mgmt/resource';
import { svcUnit, type SvcParams } from './params.js';
import { unitBase } from './unit-name.js';

const SYSTEM_DIRS = ['/etc/systemd/system', '/lib/systemd/system', '/usr/lib/systemd/system'];
const USER_DIRS = ['/etc/systemd/user', '/usr/lib/systemd/user'];

/**
 * A unit comes after the `file` resource of its unit file, in any directory systemd loads it
 * from, and after the `pkg` resource named like the unit without its suffix (`nginx.service`
 * after `pkg "nginx"`). That last one is a heuristic: a package shipping a unit of another name
 * needs an explicit edge. The engine drops refs to resources that are not in the graph.
 */
export function autoEdges(params: SvcParams, name: string): readonly ResourceRef[] {
  const unit = svcUnit(params, name);
  const dirs = params.session ? USER_DIRS : SYSTEM_DIRS;
  return [...dirs.map((dir) => ({ kind: 'file', id: `${dir}/${unit}` })), { kind: 'pkg', id: unitBase(unit) }];
}
