import type { AnyResource } from './define-resource.js';

/**
 * What a kind says about itself that its functions cannot show. Everything else a kind can
 * do (watch, poll, refresh, autoedges) follows from which functions it has, so it is never
 * declared twice; see `capabilities(def)`.
 */
export interface DeclaredCapabilities {
  /**
   * Noop can simulate this kind: every drifted result of `check` carries structured
   * `details` (param, from, to, and a unified `diff` for text), so `--noop` and the event
   * stream show exactly what apply would change, not only the `changes` lines. The
   * conformance kit holds a kind that declares it to it. Default false.
   */
  readonly simulate?: boolean;
  /**
   * The kind batches concurrent applies itself: resources of this kind that are ready
   * together are applied as one operation (`pkg`: one `apt-get install a b c`), so their
   * applies may wait briefly for each other. Default false.
   */
  readonly group?: boolean;
  /**
   * Its resources run commands their params name (`exec`). Any host may export one, so a
   * host that collects the kind must say whose it takes: `collect KIND` needs a `where`
   * (MCL_COLLECT_NEEDS_WHERE), and a YAML graph may not collect it. Default false.
   */
  readonly runsCommands?: boolean;
}

/** Everything a kind can do, derived from its definition by `capabilities(def)`. */
export interface Capabilities {
  /** It has `watch`: drift is noticed as it happens. */
  readonly watch: boolean;
  /** Without `watch`: the kind's own poll interval in seconds, else false (only `Meta:poll` polls it). */
  readonly poll: number | false;
  /** It has `refresh`: `a ~> b` does something to b. */
  readonly refresh: boolean;
  /** It has `autoEdges`: it orders itself after related resources. */
  readonly autoEdges: boolean;
  /** Declared: its drifted checks carry `details`. */
  readonly simulate: boolean;
  /** Declared: it batches concurrent applies. */
  readonly group: boolean;
  /** Declared: it runs commands its params name, so collecting it needs a `where`. */
  readonly runsCommands: boolean;
}

const DECLARABLE: readonly string[] = ['simulate', 'group', 'runsCommands'] satisfies readonly (keyof DeclaredCapabilities)[];
const DECLARABLE_TEXT = `${DECLARABLE.slice(0, -1).map((k) => `\`${k}\``).join(', ')} and \`${DECLARABLE.at(-1)}\``;

/**
 * A kind's capabilities: watch, poll, refresh and autoEdges from its functions, simulate and
 * group from its `capabilities` declaration. `mgmt docs` and `mgmt plugin list` show them.
 *
 * @example
 * capabilities(file); // { watch: true, poll: false, refresh: false, autoEdges: true, simulate: true, group: false, runsCommands: false }
 */
export function capabilities(def: AnyResource): Capabilities {
  const declared = def.capabilities ?? {};
  return {
    watch: typeof def.watch === 'function',
    poll: typeof def.watch !== 'function' && typeof def.poll === 'number' ? def.poll : false,
    refresh: typeof def.refresh === 'function',
    autoEdges: typeof def.autoEdges === 'function',
    simulate: declared.simulate === true,
    group: declared.group === true,
    runsCommands: declared.runsCommands === true,
  };
}

/**
 * What is wrong with a kind's `capabilities` declaration and `poll`; empty when nothing is.
 * `defineResource` throws on these, the conformance kit and `mgmt plugin add` report them
 * (a plugin may come from a hand-written object, not `defineResource`).
 */
export function capabilityProblems(def: Pick<AnyResource, 'capabilities' | 'poll'>): string[] {
  const problems: string[] = [];
  const declared: unknown = def.capabilities;
  if (declared !== undefined) {
    if (typeof declared !== 'object' || declared === null || Array.isArray(declared)) problems.push('`capabilities` must be an object like { simulate: true }');
    else {
      for (const [key, value] of Object.entries(declared)) {
        if (!DECLARABLE.includes(key)) {
          const derived = ['watch', 'poll', 'refresh', 'autoEdges'].includes(key) ? ` (\`${key}\` comes from the definition's own \`${key}\`)` : '';
          problems.push(`\`capabilities.${key}\` is not a capability a kind declares; the declarable ones are ${DECLARABLE_TEXT}${derived}`);
        } else if (typeof value !== 'boolean') problems.push(`\`capabilities.${key}\` must be true or false`);
      }
    }
  }
  const poll: unknown = def.poll;
  if (poll !== undefined && (typeof poll !== 'number' || !Number.isFinite(poll) || poll <= 0)) problems.push('`poll` must be a positive number of seconds');
  return problems;
}
