import type { CollectStmt, Expr, ResourceStmt, Span } from './nodes.js';

/** The text of a string literal without interpolation, else undefined. */
export function literalText(e: Expr): string | undefined {
  if (e.type !== 'str') return undefined;
  return e.parts.every((p) => typeof p === 'string') ? e.parts.join('') : undefined;
}

/**
 * The span of the part of `e` that a value path (a zod issue path) points at, following
 * list and map literals as far as they go; a value from a variable stops at the variable.
 */
export function spanAt(e: Expr, path: readonly PropertyKey[]): Span {
  let node = e;
  for (const key of path) {
    const next =
      node.type === 'list' && typeof key === 'number'
        ? node.items[key]
        : node.type === 'map' && typeof key === 'string'
          ? node.entries.find((entry) => literalText(entry.key) === key)?.value
          : undefined;
    if (!next) break;
    node = next;
  }
  return node.span;
}

/** `kind "name"`: where a resource is named, for errors about the resource as a whole. */
export const headSpan = (r: ResourceStmt): Span => ({ start: r.kindSpan.start, end: r.name.span.end });

/** `collect kind`: where a collect is named, for errors about the statement as a whole. */
export const collectHead = (c: CollectStmt): Span => ({ start: c.span.start, end: c.kindSpan.end });
