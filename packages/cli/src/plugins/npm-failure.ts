/** Network failures: the registry is down, unknown, or unreachable from here. */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ERR_SOCKET_TIMEOUT', 'ECONNABORTED']);

const WHERE_REGISTRY = "the registry comes from npm's config: the plugin home's .npmrc, ~/.npmrc, or $npm_config_registry";

/** What went wrong, from npm's own words, for `mgmt plugin add` to print as `error:` / `hint:` lines. */
export interface NpmFailure {
  readonly code: string | undefined;
  readonly message: string;
  readonly hint?: string;
}

/** The registry's base URL from the packument URL npm requested (`…/NAME`, scoped `…/@scope%2fname`). */
function registryOf(url: string): string {
  return url.includes('/-/') ? url : url.slice(0, url.lastIndexOf('/') + 1);
}

/** `name` and `range` of a registry spec: `@scope/x@^1` → `@scope/x`, `^1`. */
function splitSpec(spec: string): { name: string; range: string | undefined } {
  const at = spec.indexOf('@', 1);
  return at === -1 ? { name: spec, range: undefined } : { name: spec.slice(0, at), range: spec.slice(at + 1) };
}

/**
 * Explains a failed `npm install SPEC` in one line a user can act on, instead of npm's
 * output (which, for a network error, is a stack trace). `versions` are the published
 * versions of the package, when known, for a range that matched none.
 */
export function explainNpmFailure(output: string, spec: string, versions?: readonly string[]): NpmFailure {
  const code = /^npm error code (\S+)/m.exec(output)?.[1];
  const { name, range } = splitSpec(spec);
  if (code !== undefined && UNREACHABLE.has(code)) {
    const url = /request to (\S+) failed/.exec(output)?.[1];
    const where = url === undefined ? 'the npm registry' : `the npm registry at ${registryOf(url)}`;
    return { code, message: `cannot reach ${where} (${code}), so ${spec} was not installed`, hint: `is the registry up, and is it the right one? ${WHERE_REGISTRY}` };
  }
  if (code === 'ETARGET') {
    const known = versions?.length ? `; published versions: ${versions.join(', ')}` : '';
    return { code, message: `no published version of ${name} matches ${range ?? 'the spec'}${known}` };
  }
  if (code === 'E404') {
    const url = /404 Not Found - GET (\S+)/.exec(output)?.[1];
    return { code, message: `${name} is not in the npm registry${url ? ` at ${registryOf(url)}` : ''}`, hint: `check the name; ${WHERE_REGISTRY}` };
  }
  if (code === 'E401' || code === 'E403') {
    return { code, message: `the npm registry refused access to ${name} (${code})`, hint: 'log in with `npm login`, or set the token in the plugin home\'s .npmrc' };
  }
  const said = output
    .split('\n')
    .filter((l) => /^npm error (?!\s+at |A complete log)/.test(l))
    .map((l) => l.replace(/^npm error /, ''))
    .filter((l) => l.trim() !== '');
  return { code, message: `npm could not install ${spec}${said.length ? `: ${said.slice(0, 3).join('; ')}` : ''}` };
}

/** The "A complete log of this run can be found in: FILE" path npm prints, if any. */
export const npmLogFile = (output: string): string | undefined => /A complete log of this run can be found in: (\S+)/.exec(output)?.[1];
