import { defineResource } from '@mgmt/resource';
import { apply } from './apply.js';
import { check } from './check.js';
import { packageName, pkgParams } from './params.js';
import { watch } from './watch.js';

/** The `pkg` kind: a package installed, removed, at the newest or at an exact version. */
export const pkg = defineResource({
  kind: 'pkg',
  meta: {
    description: 'a system package: installed, uninstalled, newest or an exact version, through PackageKit or apt',
    docs: [
      'The package is `name`, else the resource name. Backends: PackageKit over D-Bus, or apt',
      '(dpkg-query to read, apt-get to change); `auto` picks PackageKit when the system bus has it.',
      'Operations of all pkg resources of the agent run one at a time, and those ready together',
      'run as one transaction (one `apt-get install a b c`). Changes made by any other tool are',
      'seen at once (dpkg status inotify, PackageKit signals). See docs/pkg.md in @mgmt/plugin-pkg.',
    ].join('\n'),
  },
  params: pkgParams,
  id: (params, name) => packageName(params, name),
  check,
  apply,
  watch,
  // src/queue.ts: applies ready together run as one transaction.
  capabilities: { group: true },
});
