import { register } from './managed.js';
import type { FileSpec } from './spec.js';

/** Per-vertex memory: the vertex's registration in the managed-paths registry. */
export interface FileState {
  release: (() => void) | undefined;
}

export const createState = (): FileState => ({ release: undefined });

/**
 * Registers the vertex's path as managed, once, until its signal aborts or the watch stops.
 * Only resources that want their path to exist register: an `absent` one wants what purge
 * wants, so it must not shield its path (nor, with recurse, its parent directories).
 */
export function ensureRegistered(state: FileState, signal: AbortSignal, spec: FileSpec): void {
  if (state.release || signal.aborted || spec.state !== 'exists') return;
  const release = register(spec.path, spec.isDir);
  const onAbort = (): void => releaseRegistration(state);
  signal.addEventListener('abort', onAbort, { once: true });
  state.release = () => {
    signal.removeEventListener('abort', onAbort);
    release();
  };
}

export function releaseRegistration(state: FileState): void {
  const release = state.release;
  state.release = undefined;
  release?.();
}
