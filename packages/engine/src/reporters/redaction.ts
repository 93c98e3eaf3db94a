import { redactor, type ChangeDetail, type Redactor } from '@mgmt/resource';
import type { VertexView } from '../types.js';

const cache = new WeakMap<VertexView, Redactor>();

/**
 * The redactor of a vertex: its kind's secret params (`VertexView.secrets`) with their values.
 * A vertex's params never change (a swap makes a new vertex), so it is built once per vertex.
 */
export function redactorOf(v: VertexView): Redactor {
  let r = cache.get(v);
  if (!r) {
    r = redactor(v.secrets, v.params);
    cache.set(v, r);
  }
  return r;
}

const INDENT = '    ';

/** The details that carry a diff, as indented text blocks: one string per detail. */
export function diffBlocks(details: readonly ChangeDetail[] | undefined): string[] {
  if (!details) return [];
  return details
    .filter((d) => d.diff !== undefined && d.diff !== '')
    .map((d) =>
      d
        .diff!.replace(/\n$/, '')
        .split('\n')
        .map((l) => INDENT + l)
        .join('\n'),
    );
}
