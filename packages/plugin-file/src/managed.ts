import type { GraphView } from '@mgmt/resource';
import { normalizePath } from './spec.js';

/** The paths purge keeps: normalised path to whether a directory resource (`/a/b/`) manages it. */
export type ManagedPaths = ReadonlyMap<string, boolean>;

/**
 * The paths the `file` resources of the vertex's graph manage, read from their ids (the path
 * as written, normalised here the way check normalises it). Every resource of the graph
 * counts, whether it has run yet or not: a purging directory runs before its children, and
 * must not delete a child's file already on disk. A resource with `state => "absent"` wants
 * what purge wants, so it shields neither its path nor, with recurse, the directories above it.
 */
export function managedPaths(graph: GraphView): ManagedPaths {
  const out = new Map<string, boolean>();
  for (const r of graph.resources('file')) {
    if (r.params['state'] === 'absent' || !r.id.startsWith('/')) continue; // a relative path fails its own check
    const path = normalizePath(r.id);
    out.set(path, out.get(path) === true || r.id.endsWith('/'));
  }
  return out;
}

/**
 * The directories strictly inside `dir` that purge keeps (and, with recurse, descends
 * into): every directory on the way from `dir` to a managed path, and every managed one.
 */
export function keptDirsBelow(dir: string, managed: ManagedPaths): Set<string> {
  const prefix = dir === '/' ? '/' : `${dir}/`;
  const out = new Set<string>();
  for (const [p, isDir] of managed) {
    if (!p.startsWith(prefix) || p === dir) continue;
    if (isDir) out.add(p);
    for (let i = p.indexOf('/', prefix.length); i !== -1; i = p.indexOf('/', i + 1)) out.add(p.slice(0, i));
  }
  return out;
}
