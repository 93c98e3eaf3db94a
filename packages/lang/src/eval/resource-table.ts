import type { Diagnostic } from '@mgmt/resource';
import { duplicateResource } from '../diagnostics/codes.js';
import { locationOf } from '../diagnostics/position.js';
import type { ResourceInfo } from './resource.js';

/**
 * The program's resources by kind and name, and by kind and identity. Two resources are
 * one too many if they share a name (edges could not tell them apart) or an identity (they
 * would manage the same thing).
 */
export class ResourceTable {
  private readonly byName = new Map<string, ResourceInfo>();
  private readonly byId = new Map<string, ResourceInfo>();

  constructor(
    private readonly sources: ReadonlyMap<string, string>,
    private readonly report: (d: Diagnostic) => void,
  ) {}

  add(info: ResourceInfo): void {
    const ref = `${info.kind}[${info.name}]`;
    const sameName = this.byName.get(key(info.kind, info.name));
    const sameId = info.id === undefined ? undefined : this.byId.get(key(info.kind, info.id));
    const first = sameName ?? sameId;
    if (first) {
      const where = (file: string, start: number) => locationOf(file, this.sources.get(file) ?? '', start);
      const at = where(first.file, first.head.start);
      const sameAs = sameName ? undefined : { ref: `${first.kind}[${first.name}]`, id: info.id! };
      // The same declaration twice: a loop body whose resource name ignores the loop variable,
      // or a class included with other arguments that its resource names ignore.
      const again = first.file === info.file && first.head.start === info.head.start;
      const via = {
        ...(first.via ? { first: where(first.via.file, first.via.span.start) } : {}),
        ...(info.via ? { second: where(info.via.file, info.via.span.start) } : {}),
      };
      // A clash that involves collected exports is about them: an agent may leave them out.
      const exports = [first, info].flatMap((r) => (r.exportedBy === undefined ? [] : [{ host: r.exportedBy, kind: r.kind, name: r.name }]));
      const d = duplicateResource({ file: info.file, span: info.head }, ref, at, sameAs, again, via);
      this.report(exports.length > 0 ? { ...d, exports } : d);
      return;
    }
    this.byName.set(key(info.kind, info.name), info);
    if (info.id !== undefined) this.byId.set(key(info.kind, info.id), info);
  }

  has(kind: string, name: string): boolean {
    return this.byName.has(key(kind, name));
  }

  /** Every resource, in declaration order, as `kind[name]`. */
  displays(): string[] {
    return [...this.byName.values()].map((r) => `${r.kind}[${r.name}]`);
  }

  resources(): ResourceInfo[] {
    return [...this.byName.values()];
  }
}

const key = (kind: string, name: string): string => `${kind}\0${name}`;
