import type { MessageBus } from '@particle/dbus-next';
import { callMethod } from './bus.js';
import { exitName, EXIT_SUCCESS, PK_IFACE, PK_NAME, PK_PATH, PK_TRANSACTION_IFACE } from './enums.js';

/** How long a transaction may stay silent (no Package/Finished signal) before it counts as lost. */
export const TRANSACTION_IDLE_MS = 10 * 60_000;

/** Transactions this process created, so the daemon watch can ignore our own (see watch). */
const own = new Set<string>();
export const isOwnTransaction = (path: string): boolean => own.has(path);

export class PackageKitError extends Error {
  constructor(
    message: string,
    /** PK_ERROR_ENUM_* from ErrorCode, when the daemon sent one. */
    readonly code?: number,
  ) {
    super(message);
  }
}

/** One Package signal: info (PK_INFO_ENUM_*), package id, summary. */
export interface PackageSignal {
  readonly info: number;
  readonly packageId: string;
  readonly summary: string;
}

/**
 * Creates a transaction, subscribes to Package, ErrorCode and Finished, calls `method` with
 * `args`, and resolves with the Package signals once Finished says success. ErrorCode's
 * details become the error message.
 */
export async function runTransaction(bus: MessageBus, method: string, args: readonly unknown[]): Promise<PackageSignal[]> {
  const manager = (await bus.getProxyObject(PK_NAME, PK_PATH)).getInterface(PK_IFACE);
  const path = String(await callMethod(manager, 'CreateTransaction'));
  own.add(path);
  if (own.size > 1000) own.delete(own.values().next().value as string);
  const tx = (await bus.getProxyObject(PK_NAME, path)).getInterface(PK_TRANSACTION_IFACE);
  const packages: PackageSignal[] = [];
  let error: PackageKitError | undefined;
  return new Promise<PackageSignal[]>((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const idle = (): void => {
      clearTimeout(timer);
      timer = setTimeout(() => finish(new PackageKitError(`PackageKit ${method}: no signal for ${TRANSACTION_IDLE_MS / 1000} s from ${path}`)), TRANSACTION_IDLE_MS);
    };
    const onPackage = (info: unknown, packageId: unknown, summary: unknown): void => {
      idle();
      packages.push({ info: Number(info), packageId: String(packageId), summary: String(summary) });
    };
    const onError = (code: unknown, details: unknown): void => {
      idle();
      error = new PackageKitError(`PackageKit ${method}: ${String(details)}`, Number(code));
    };
    const onFinished = (exit: unknown): void => {
      const code = Number(exit);
      finish(code === EXIT_SUCCESS ? undefined : (error ?? new PackageKitError(`PackageKit ${method} finished: ${exitName(code)}`)));
    };
    function finish(err?: Error): void {
      clearTimeout(timer);
      tx.off('Package', onPackage);
      tx.off('ErrorCode', onError);
      tx.off('Finished', onFinished);
      if (err) reject(err);
      else resolve(packages);
    }
    // Subscribing sends AddMatch before the call on the same connection, so no signal is missed.
    tx.on('Package', onPackage);
    tx.on('ErrorCode', onError);
    tx.on('Finished', onFinished);
    idle();
    callMethod(tx, method, ...args).catch((err: unknown) => finish(err instanceof Error ? err : new Error(String(err))));
  });
}
