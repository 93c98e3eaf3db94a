import { EtcdLeaseInvalidError, EtcdPermissionDeniedError, EtcdWatchStreamEnded, isRecoverableError } from 'etcd3';

/**
 * Whether `err` means "etcd is not answering right now" (down, restarting, no leader, a
 * timeout) rather than "etcd answered no". The first kind is waited out; the second is reported.
 */
export const isConnectionError = (err: unknown): boolean =>
  err instanceof Error && (isRecoverableError(err) || err instanceof EtcdWatchStreamEnded || /ECONNREFUSED|UNAVAILABLE|No connection established/i.test(err.message));

export const isLeaseGone = (err: unknown): boolean => err instanceof EtcdLeaseInvalidError;

export const isPermissionDenied = (err: unknown): boolean => err instanceof EtcdPermissionDeniedError;

/** The first line of an error, without grpc's "14 UNAVAILABLE:" noise repeated. */
export const describe = (err: unknown): string => (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';
