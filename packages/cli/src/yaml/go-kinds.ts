import type { Span } from '@mgmt/resource';
import { goFilePath } from './go-path.js';

/**
 * How one Go param of a graph file becomes ours. Params a kind's table does not list are
 * passed through when our kind has a param of that name (so `purge` or `cwd` work), and are
 * an error otherwise.
 */
export interface GoParam {
  /** How yaml.v2 read it: a string field takes any scalar's text (`mode: 0644` is "0644"). */
  readonly type: 'string' | 'number' | 'boolean';
  /** Our param. Absent: the value goes nowhere, or only to the kind's `finish`. */
  readonly to?: string;
  /** Go's zero values, which meant "not set": left out, quietly. */
  readonly unset?: readonly unknown[];
  /** Any other value is left out with a warning saying why: ignoring it is harmless. */
  readonly drop?: string;
  /** Any other value is an error saying why: ignoring it would change what gets applied. */
  readonly refuse?: string;
}

/** A resource's params half-way: ours so far, and the Go-only values `finish` may need. */
export interface MappedParams {
  readonly name: string;
  readonly params: Record<string, unknown>;
  /** Where each of our params was written, for errors. */
  readonly spans: Record<string, Span>;
  /** Listed Go params without a `to`, by Go name. */
  readonly go: ReadonlyMap<string, { readonly value: unknown; readonly span: Span }>;
}

export interface FinishContext {
  warn(span: Span, what: string, why: string): void;
  refuse(span: Span, what: string, why: string): void;
  invalid(span: Span, param: string, detail: string): void;
}

export interface GoKind {
  readonly params: Readonly<Record<string, GoParam>>;
  /** Rules that need several params at once. */
  finish?(p: MappedParams, ctx: FinishContext): void;
}

const str = (to: string): GoParam => ({ type: 'string', to, unset: [''] });

const file: GoKind = {
  params: {
    path: str('path'),
    dirname: { type: 'string', unset: [''] },
    basename: { type: 'string', unset: [''] },
    // No `unset`: `content: ''` is an empty file; only a missing content leaves it alone.
    content: { type: 'string', to: 'content' },
    source: str('source'),
    state: str('state'),
    mode: str('mode'),
    owner: str('owner'),
    group: str('group'),
    recurse: { type: 'boolean', unset: [false], refuse: 'the Go mgmt copied or removed whole trees with it; here a directory is managed as itself (see `purge`)' },
    force: { type: 'boolean', unset: [false], refuse: 'replacing a directory by a file (or the reverse) is never done implicitly here' },
  },
  finish(p, ctx) {
    const dirname = p.go.get('dirname');
    const basename = p.go.get('basename');
    if (!dirname && !basename) return;
    const d = dirname?.value as string | undefined;
    const b = basename?.value as string | undefined;
    if (dirname && !d!.endsWith('/')) return ctx.invalid(dirname.span, 'dirname', 'must end with a slash');
    if (basename && b!.startsWith('/')) return ctx.invalid(basename.span, 'basename', 'must not start with a slash');
    p.params['path'] = goFilePath((p.params['path'] as string | undefined) ?? p.name, d, b);
    p.spans['path'] = (dirname ?? basename)!.span;
  },
};

// The Go exec split `cmd` on spaces and ran it without a shell when `shell` was ''. Here
// it runs under the kind's shell (`/bin/sh -c`), which reads these characters differently.
const SHELL_SYNTAX = /[|&;<>()$`\\"'*?[\]#~{}]/;

const exec: GoKind = {
  params: {
    cmd: { type: 'string', to: 'cmd' },
    shell: str('shell'),
    timeout: { type: 'number', to: 'timeout', unset: [0] },
    watchcmd: str('watchcmd'),
    ifcmd: str('ifcmd'),
    watchshell: { type: 'string', unset: [''] },
    ifshell: { type: 'string', unset: [''] },
    pollint: { type: 'number', unset: [0], drop: 'the Go mgmt never used it; `meta: {poll: SECONDS}` checks on a timer' },
    state: { type: 'string', unset: ['', 'present', 'exists'], drop: 'the Go exec never read it' },
    user: { type: 'string', unset: [''], refuse: 'commands run as the agent’s user here' },
    group: { type: 'string', unset: [''], refuse: 'commands run with the agent’s group here' },
  },
  finish(p, ctx) {
    const shell = (p.params['shell'] as string | undefined) ?? '/bin/sh';
    for (const key of ['watchshell', 'ifshell']) {
      const own = p.go.get(key);
      if (own && own.value !== shell) ctx.refuse(own.span, `\`${key}: ${String(own.value)}\``, `one shell runs cmd, ifcmd and watchcmd here; set \`shell: ${String(own.value)}\` instead`);
    }
    const cmd = p.params['cmd'];
    if (p.params['shell'] === undefined && p.params['args'] === undefined && typeof cmd === 'string' && SHELL_SYNTAX.test(cmd)) {
      ctx.warn(p.spans['cmd']!, '`shell: \'\'` (split the command on spaces, no shell)', 'the command runs under /bin/sh here, which interprets its quotes, `$`, `|` and the like');
    }
  },
};

const pkg: GoKind = {
  params: {
    allowuntrusted: { type: 'boolean', unset: [false], refuse: 'packages are installed only from trusted sources here' },
    allownonfree: { type: 'boolean', unset: [false], drop: 'the pkg kind has no non-free filter to widen' },
    allowunsupported: { type: 'boolean', unset: [false], drop: 'the pkg kind has no unsupported-package filter to widen' },
  },
};

/** The Go kinds whose params differ from ours. Any other kind's params pass through as written. */
export const GO_KINDS: Readonly<Record<string, GoKind>> = { file, exec, pkg };
