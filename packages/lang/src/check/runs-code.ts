/**
 * Kinds whose resources run a command named in their params. Collecting one without a
 * `where` would let any host that can export it make this one run code, so `collect` must
 * say whose to take (MCL_COLLECT_NEEDS_WHERE). Kept here while `@mgmt/resource` has no way
 * for a kind to declare it; a kind's own flag would cover third-party kinds too. The CLI's
 * YAML collect keeps the same list (packages/cli/src/yaml/collect.ts).
 */
export const RUNS_CODE: ReadonlySet<string> = new Set(['exec']);
