/**
 * The paths that `file` resources of this process manage. A plugin cannot see the graph,
 * so `purge` asks this registry instead. Two sources feed it:
 *
 * - live: a vertex registers its path on its first check or watch and releases it when its
 *   signal aborts or its watch stops;
 * - declared: the kind's `id()` records the path when the graph is built (identities are
 *   computed for every resource before anything runs). A purging directory is checked
 *   before its children, which are not live yet; without this, a child's file already on
 *   disk would be purged and then written again on every agent start. A declaration ends
 *   when its vertex goes live, or after DECLARED_TTL_MS if it never does (a graph that was
 *   only built, or a vertex blocked that long).
 */
interface Entry {
  count: number;
  dir: boolean;
}

export type ManagedChange = 'register' | 'unregister';
type Listener = (path: string, change: ManagedChange) => void;

const managed = new Map<string, Entry>();
/** Declared paths: whether each is a directory, and until when the declaration counts. */
const declared = new Map<string, { dir: boolean; until: number }>();
const DECLARED_TTL_MS = 60_000;
const listeners = new Set<Listener>();
/** Temp files of atomic writes in progress: a concurrent purge must not take them. */
const inflight = new Set<string>();

/**
 * A stopped vertex may be a changed one being restarted by a graph swap; it registers again
 * at once. Telling purging directories only after this grace avoids purging its file.
 */
const UNREGISTER_GRACE_MS = 250;

const emit = (path: string, change: ManagedChange): void => {
  for (const l of listeners) l(path, change);
};

/** Records that a graph holds a resource for `path` (normalised) that wants it to exist. */
export function declare(path: string, dir: boolean): void {
  // A live path needs no declaration; one left behind would outlive the vertex's removal.
  if (!managed.has(path)) declared.set(path, { dir, until: Date.now() + DECLARED_TTL_MS });
}

/** Declared paths still in force, dropping the expired ones. */
function* declaredPaths(): Generator<[string, boolean]> {
  const now = Date.now();
  for (const [p, d] of declared) {
    if (d.until > now) yield [p, d.dir];
    else declared.delete(p);
  }
}

/** Every managed path, live or declared, with whether it is a directory. */
function* allManaged(): Generator<[string, boolean]> {
  for (const [p, e] of managed) yield [p, e.dir];
  yield* declaredPaths();
}

/** Registers `path` (normalised) as managed by a live vertex. Returns an idempotent release. */
export function register(path: string, dir: boolean): () => void {
  declared.delete(path);
  const entry = managed.get(path) ?? { count: 0, dir: false };
  entry.count++;
  entry.dir ||= dir;
  managed.set(path, entry);
  emit(path, 'register');
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--entry.count === 0 && managed.get(path) === entry) managed.delete(path);
    setTimeout(() => {
      if (!isManaged(path)) emit(path, 'unregister');
    }, UNREGISTER_GRACE_MS).unref();
  };
}

/** Called with each registration and (after the grace) each final release. */
export function onManagedChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function isManaged(path: string): boolean {
  if (managed.has(path)) return true;
  const d = declared.get(path);
  return d !== undefined && d.until > Date.now();
}

/**
 * The directories strictly inside `dir` that purge keeps (and, with recurse, descends
 * into): every directory on the way from `dir` to a managed path, and every managed one.
 */
export function keptDirsBelow(dir: string): Set<string> {
  const prefix = dir === '/' ? '/' : `${dir}/`;
  const out = new Set<string>();
  for (const [p, isDir] of allManaged()) {
    if (!p.startsWith(prefix) || p === dir) continue;
    if (isDir) out.add(p);
    for (let i = p.indexOf('/', prefix.length); i !== -1; i = p.indexOf('/', i + 1)) out.add(p.slice(0, i));
  }
  return out;
}

/** Marks a temp file as in flight until the returned function is called. */
export function trackInflight(tmp: string): () => void {
  inflight.add(tmp);
  return () => inflight.delete(tmp);
}

export const isInflight = (path: string): boolean => inflight.has(path);
