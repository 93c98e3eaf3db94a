import { defineResource } from '@mgmt/resource';
import { applyExec } from './apply.js';
import { autoEdges } from './auto-edges.js';
import { checkExec } from './check.js';
import { execParams } from './params.js';
import { refreshExec } from './refresh.js';
import { execSends } from './sends.js';
import { createState } from './state.js';
import { watchExec } from './watch.js';

/** The `exec` kind: runs a command, guarded, again on refresh or when its watchcmd prints. */
export const exec = defineResource({
  kind: 'exec',
  meta: {
    description: 'runs a command once per agent start, when its guards allow, on refresh, or on watchcmd events',
    docs: [
      'Without a guard the command runs once per agent start (per vertex life), again on refresh',
      '(`~>`) and whenever `watchcmd` prints a line. With `creates` it runs only while the path is',
      'missing (and runs again when the path is deleted: it is watched), and comes after the `file`',
      'resource of its parent directory; with `ifcmd` only while that command exits 0 (check runs',
      'ifcmd, even in noop).',
      'A non-zero exit, a signal or a `timeout` fails the apply; a timeout kills the whole process group.',
    ].join('\n'),
  },
  params: execParams,
  sends: execSends,
  state: createState,
  check: checkExec,
  apply: applyExec,
  watch: watchExec,
  refresh: refreshExec,
  autoEdges,
  // What a command would change cannot be known without running it; and it runs one, so a
  // host must say whose execs it collects.
  capabilities: { simulate: false, runsCommands: true },
});
