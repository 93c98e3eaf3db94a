import type { AnyResource, Metaparams, ResourceRef } from '@mgmt/resource';
import { NOT_PLAIN, plainCopy, samePlain, type PlainCopy } from './plain-data.js';

/** What validating one declaration gives, all of it a function of the raw declaration. */
export interface Validated {
  readonly params: Readonly<Record<string, unknown>>;
  readonly meta: Metaparams;
  /** The identity within the kind. */
  readonly id: string;
}

/** A validated declaration, and its kind's autoedges, computed once. */
export interface Resolved extends Validated {
  autoEdges(): readonly ResourceRef[];
}

/** One build's use of a cache: `commit()` makes what it resolved the next build's cache. */
export interface CachePass {
  /**
   * The earlier result for this raw declaration (`key`: its `kind[name]`) if there is one,
   * else `validate()`'s; undefined: refused, and not kept, so validated (and refused) again
   * next time.
   */
  resolve(key: string, def: AnyResource, name: string, params: unknown, meta: unknown, validate: () => Validated | undefined): Resolved | undefined;
  commit(): void;
}

class Entry implements Resolved {
  readonly params: Readonly<Record<string, unknown>>;
  readonly meta: Metaparams;
  readonly id: string;
  private refs: readonly ResourceRef[] | undefined;

  constructor(
    readonly def: AnyResource,
    readonly name: string,
    /** Copies of the raw params and metaparams it was validated from (NOT_PLAIN: never reused). */
    readonly rawParams: PlainCopy | typeof NOT_PLAIN,
    readonly rawMeta: PlainCopy | typeof NOT_PLAIN,
    v: Validated,
  ) {
    this.params = v.params;
    this.meta = v.meta;
    this.id = v.id;
  }

  get reusable(): boolean {
    return this.rawParams !== NOT_PLAIN && this.rawMeta !== NOT_PLAIN;
  }

  /** Whether this is the result for that raw declaration. */
  fits(def: AnyResource, name: string, params: unknown, meta: unknown): boolean {
    return (
      this.rawParams !== NOT_PLAIN &&
      this.rawMeta !== NOT_PLAIN &&
      this.def === def &&
      this.name === name &&
      samePlain(params, this.rawParams) &&
      samePlain(meta, this.rawMeta)
    );
  }

  autoEdges(): readonly ResourceRef[] {
    this.refs ??= this.def.autoEdges?.(this.params, this.name) ?? [];
    return this.refs;
  }
}

/**
 * What the last build validated, so that rebuilding a re-evaluated program validates only the
 * resources that changed (issue #5: most of a 10,000-resource rebuild was zod). A resource
 * reuses an entry only when the kind's definition is the same object, the name the same, and
 * the raw params and metaparams equal, exactly, copies of those the entry was validated from
 * (`samePlain`): a schema is a function of its input, so the result is the one validating
 * again would give. (A kind whose schema looked at anything else, the clock or the disk,
 * would break that; none does, and the language's own checks assume the same.) Raw values
 * that are not plain data are validated every time. Copies, not the objects themselves: a
 * caller may change its graph's objects after a build.
 *
 * It holds the resources of the last build only, so it never outgrows one graph.
 */
export class BuildCache {
  private entries = new Map<string, Entry>();

  /** Starts a build. Builds are synchronous, so passes never overlap. */
  pass(): CachePass {
    const prev = this.entries;
    const next = new Map<string, Entry>();
    // Most resources have the same metaparams (the defaults): they share one copy.
    let lastMeta: PlainCopy | typeof NOT_PLAIN = NOT_PLAIN;
    const copyMeta = (meta: unknown): PlainCopy | typeof NOT_PLAIN => {
      if (lastMeta === NOT_PLAIN || !samePlain(meta, lastMeta)) lastMeta = plainCopy(meta);
      return lastMeta;
    };
    return {
      resolve: (key, def, name, params, meta, validate) => {
        let entry = prev.get(key);
        if (!entry?.fits(def, name, params, meta)) {
          // Copied before validating: a schema's preprocess could change its input.
          const rawParams = plainCopy(params);
          const rawMeta = rawParams === NOT_PLAIN ? NOT_PLAIN : copyMeta(meta);
          const v = validate();
          if (!v) return undefined;
          entry = new Entry(def, name, rawParams, rawMeta, v);
        }
        if (entry.reusable) next.set(key, entry);
        return entry;
      },
      commit: () => {
        this.entries = next;
      },
    };
  }
}

/** A build without a cache (a one-off `buildGraph`): validates everything, copies nothing. */
export const noCache: CachePass = {
  resolve: (_key, def, name, _params, _meta, validate) => {
    const v = validate();
    return v && new Entry(def, name, NOT_PLAIN, NOT_PLAIN, v);
  },
  commit: () => {},
};
