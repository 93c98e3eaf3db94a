import type { Etcd3, IWatchResponse } from 'etcd3';

/** A live watch; `cancel()` stops it and silences its callbacks. */
export interface PrefixWatch {
  cancel(): void;
}

/**
 * Watches every key under `prefix` from revision `from` (inclusive) and resolves once etcd
 * has confirmed the watch. `onResponse` gets each watch response whole: etcd sends all the
 * events of one transaction in one response, so applying a response at a time never shows
 * half a transaction. `onFail` is called once, the first time the watch breaks.
 *
 * etcd3's watcher reconnects by itself and resumes from its last revision; we do not let it.
 * The world re-reads everything at a fresh revision after any break instead, so there is one
 * recovery path, whatever went wrong (a restart, a compaction, a lost stream).
 */
export async function watchPrefix(
  client: Etcd3,
  prefix: string,
  from: string,
  onResponse: (res: IWatchResponse) => void,
  onFail: (err: unknown) => void,
): Promise<PrefixWatch> {
  const watcher = client.watch().prefix(prefix).startRevision(from).watcher();
  // An 'error' with no listener would throw from inside etcd3's stream handler.
  watcher.on('error', () => {});
  let live = false;
  const cancel = (): void => {
    live = false;
    watcher.cancel().catch(() => {});
  };
  await new Promise<void>((resolve, reject) => {
    const fail = (err: unknown): void => {
      watcher.off('connected', ok);
      cancel();
      reject(err instanceof Error ? err : new Error(String(err)));
    };
    const ok = (): void => {
      watcher.off('error', fail).off('disconnected', fail);
      resolve();
    };
    watcher.once('connected', ok).once('error', fail).once('disconnected', fail);
  });
  live = true;
  watcher.on('data', (res) => {
    if (live) onResponse(res);
  });
  const broke = (err: unknown): void => {
    if (!live) return;
    cancel();
    onFail(err);
  };
  watcher.on('error', broke).on('disconnected', broke);
  return { cancel };
}
