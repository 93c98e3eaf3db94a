import { defineResource } from '@mgmt/resource';
import { apply } from './apply.js';
import { autoEdges } from './auto-edges.js';
import { check } from './check.js';
import { svcId, svcParams } from './params.js';
import { refresh } from './refresh.js';
import { createState } from './state.js';
import { watch } from './watch.js';

/** The `svc` kind: a systemd unit's running state and boot-time enablement, over D-Bus. */
export const svc = defineResource({
  kind: 'svc',
  meta: {
    description: 'a systemd unit: running or stopped, enabled or disabled at boot, over D-Bus',
    docs: [
      'Talks to systemd (`org.freedesktop.systemd1`) on the system bus, or the user’s session bus',
      'with `session => true`; `.service` is implied. Apply enables/disables the unit file (then',
      'reloads systemd), starts/stops the unit and waits for the job, failing with its result.',
      'Watch follows the unit’s signals; refresh restarts it (reloads with `reload => true`).',
      'See docs/svc.md in @mgmt/plugin-svc.',
    ].join('\n'),
  },
  params: svcParams,
  id: svcId,
  state: createState,
  check,
  apply,
  watch,
  refresh,
  autoEdges,
  capabilities: { simulate: false },
});
