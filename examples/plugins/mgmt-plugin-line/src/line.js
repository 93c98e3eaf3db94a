import { dirname } from 'node:path';
import { defineResource } from '@mgmt/resource';
import { apply } from './apply.js';
import { check } from './check.js';
import { params } from './params.js';
import { watch } from './watch.js';

export const line = defineResource({
  kind: 'line',
  meta: {
    description: 'a line present in, or absent from, a text file',
    docs: 'Edits one line of a file the rest of which is not managed (a `/etc/hosts` entry, an option in a config file). Writes are atomic; the directory is watched, so an edit that removes the line is repaired at once.',
  },
  params,
  /** Several `line` resources may edit one file, but each line of it only once. */
  id: (p) => `${p.path}:${p.line}`,
  check,
  apply,
  watch,
  /** After the `file` resources of the file itself and of its directory, when the graph has them. */
  autoEdges: (p) => [
    { kind: 'file', id: p.path },
    { kind: 'file', id: `${dirname(p.path).replace(/\/$/, '')}/` },
  ],
});
