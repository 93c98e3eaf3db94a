import type { Diagnostic, Span } from '@mgmt/resource';
import { isAlias, isMap, isScalar, isSeq, type Document, type ParsedNode, type YAMLMap, type YAMLSeq } from 'yaml';
import * as codes from './codes.js';
import type { At } from './codes.js';
import type { Field } from './graph-file.js';

/**
 * What every step of the loader shares: the file (for positions), its YAML document (for
 * aliases) and where problems go.
 */
export class YamlContext {
  constructor(
    readonly file: string,
    readonly doc: Document.Parsed,
    readonly report: (d: Diagnostic) => void,
  ) {}

  at(span: Span): At {
    return { file: this.file, span };
  }

  /** The node an alias stands for; any other node as is. */
  deref(node: ParsedNode | null | undefined): ParsedNode | null {
    if (!node) return null;
    if (!isAlias(node)) return node;
    return (node.resolve(this.doc) as ParsedNode | undefined) ?? null;
  }

  /** The mapping's fields in order. Keys must be plain scalars; `<<` merges are refused. */
  fields(map: YAMLMap.Parsed): Field[] {
    const out: Field[] = [];
    for (const pair of map.items) {
      const key = this.deref(pair.key);
      if (!key || !isScalar(key) || key.value === null || typeof key.value === 'object') {
        this.report(codes.typeMismatch(this.at(spanOf(pair.key, map)), 'a key', 'a plain name'));
        continue;
      }
      const keySpan = spanOf(key, map);
      const name = String(key.value);
      if (name === '<<') {
        this.report(codes.unsupported(this.at(keySpan), 'a merge key (`<<`)', 'write the fields out in each entry'));
        continue;
      }
      const node = this.deref(pair.value as ParsedNode | null);
      out.push({ key: name, keySpan, node, span: node ? spanOf(node, map) : keySpan });
    }
    return out;
  }

  /** The value as a mapping, or undefined (reported) when it is something else. Null: empty. */
  map(field: Field, what: string): YAMLMap.Parsed | null | undefined {
    if (field.node === null || (isScalar(field.node) && field.node.value === null)) return null;
    if (isMap(field.node)) return field.node;
    this.report(codes.typeMismatch(this.at(field.span), what, 'a mapping of `key: value`'));
    return undefined;
  }

  /** The value as a list, or undefined (reported) when it is something else. Null: empty. */
  seq(field: Field, what: string): YAMLSeq.Parsed | null | undefined {
    if (field.node === null || (isScalar(field.node) && field.node.value === null)) return null;
    if (isSeq(field.node)) return field.node;
    this.report(codes.typeMismatch(this.at(field.span), what, 'a list'));
    return undefined;
  }

  /**
   * The value as Go's yaml.v2 fills a string field: any scalar's text as written, so
   * `mode: 0644` is "0644" and `content: yes` is "yes". Null is undefined (Go's "").
   */
  string(field: Field, what: string): string | undefined {
    const n = field.node;
    if (n === null || (isScalar(n) && n.value === null)) return undefined;
    if (isScalar(n)) return typeof n.value === 'string' ? n.value : (n.source ?? String(n.value));
    this.report(codes.typeMismatch(this.at(field.span), what, 'a string'));
    return undefined;
  }

  /** The value as a JS value (a `.toJS` of the node); null is undefined. */
  value(field: Field): unknown {
    if (field.node === null) return undefined;
    const v: unknown = field.node.toJS(this.doc);
    return v === null ? undefined : v;
  }
}

/** A node's span (its value, without trailing comments), or the parent's start if it has none. */
export function spanOf(node: { range?: [number, number, number] | null } | null | undefined, parent: { range: [number, number, number] }): Span {
  const r = node?.range ?? [parent.range[0], parent.range[0], parent.range[0]];
  return { start: r[0], end: Math.max(r[0] + 1, r[1]) };
}
