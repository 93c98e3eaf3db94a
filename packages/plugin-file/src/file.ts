import { defineResource } from '@mgmt/resource';
import { apply } from './apply.js';
import { autoEdges } from './auto-edges.js';
import { check } from './check.js';
import { fileId } from './id.js';
import { fileParams } from './params.js';
import { createState } from './state.js';
import { watch } from './watch.js';

/** The `file` kind: a file or (path ending in `/`) a directory, its content, mode, owner and group. */
export const file = defineResource({
  kind: 'file',
  meta: {
    description: 'a file or directory: content (or a source file to copy), mode, owner, group, existence, purge',
    docs: [
      'A path ending in `/` is a directory. Writes are atomic (temp file, then rename) and never',
      'follow a symlink at the path. A file whose parent directory is missing fails; declare the',
      'parent (`file "/dir/" {}`), which is ordered first automatically. `purge` removes entries',
      'that no file resource of the running graph manages; `recurse` lets purge descend into the',
      'subdirectories it keeps. See docs/file.md in @mgmt/plugin-file.',
    ].join('\n'),
  },
  params: fileParams,
  id: fileId,
  state: createState,
  check,
  apply,
  watch,
  autoEdges,
  // Every drifted check says param by param what would change (with a diff for content).
  capabilities: { simulate: true },
});
