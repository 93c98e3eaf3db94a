import type { Span } from '@mgmt/resource';
import type { ParsedNode } from 'yaml';

/** One `key: value` of a YAML mapping, with where each half is. */
export interface Field {
  readonly key: string;
  readonly keySpan: Span;
  /** The value, aliases resolved; null for `key:` with nothing after it. */
  readonly node: ParsedNode | null;
  /** The value's span, or the key's when there is no value. */
  readonly span: Span;
}

/** A name as written, with its span. */
export interface Named {
  readonly name: string;
  readonly span: Span;
}

/** One entry of `resources: {KIND: [...]}`. */
export interface ResourceEntry {
  readonly kind: Named;
  /** The name without its `@@` (which marks an exported resource). */
  readonly name: Named;
  readonly exported: boolean;
  /** The whole entry. */
  readonly span: Span;
  /** Every field but `name`, `kind` and `meta`: the Go params, still to be mapped. */
  readonly params: readonly Field[];
  readonly meta?: Field;
}

export interface EdgeEnd {
  readonly kind: Named;
  readonly name: Named;
}

/** `{name, from: {kind, name}, to: {kind, name}, notify}`. */
export interface EdgeEntry {
  readonly from: EdgeEnd;
  readonly to: EdgeEnd;
  readonly notify: boolean;
  readonly span: Span;
}

/** `{kind, pattern}`: collect every export of the kind; files are re-homed under `pattern`. */
export interface CollectEntry {
  readonly kind: Named;
  /** Empty: keep the exported path (as the Go mgmt did). */
  readonly pattern: string;
  readonly patternSpan?: Span;
  readonly span: Span;
}

/** A Go mgmt graph file, read and shape-checked but not yet mapped to our kinds. */
export interface GraphFile {
  readonly graph: string;
  readonly resources: readonly ResourceEntry[];
  readonly edges: readonly EdgeEntry[];
  readonly collects: readonly CollectEntry[];
}
