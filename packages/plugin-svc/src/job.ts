import type { Message } from '@particle/dbus-next';
import type { SharedBus } from './bus.js';
import { MANAGER, MANAGER_PATH, managerCall, subscribe, SYSTEMD } from './systemd.js';

/** Job results that mean it worked; `skipped` is a try-restart or reload of an inactive unit. */
const SUCCESS = new Set(['done', 'skipped']);

/** The Manager methods that queue a job for one unit and return its object path. */
export type JobMethod = 'StartUnit' | 'StopUnit' | 'RestartUnit' | 'TryRestartUnit' | 'ReloadOrRestartUnit' | 'ReloadOrTryRestartUnit';

/**
 * Queues a job (`StartUnit(unit, "replace")` …) and waits for its `JobRemoved` signal, throwing
 * unless the result is `done` (or `skipped`). The listener is in place before the call: a fast job's signal can
 * arrive before the call's reply, and is kept until the reply names the job.
 */
export async function runJob(bus: SharedBus, method: JobMethod, unit: string, opts: { timeoutMs: number; signal: AbortSignal }): Promise<void> {
  if (opts.signal.aborted) throw stopping(`${method}(${unit})`);
  const results = new Map<string, string>();
  let wake = (): void => {};
  await subscribe(bus);
  const stop = await bus.listen({ sender: SYSTEMD, path: MANAGER_PATH, interface: MANAGER, member: 'JobRemoved' }, (msg: Message) => {
    const [, job, , result] = msg.body as [number, string, string, string];
    results.set(job, result);
    wake();
  });
  let lost = false;
  const offBus = bus.onEvent((e) => {
    if (e !== 'lost') return;
    lost = true;
    wake();
  });
  try {
    const [job] = await managerCall(bus, method, 'ss', [unit, 'replace']);
    if (typeof job !== 'string') throw new Error(`${method}(${unit}) returned no job path`);
    const deadline = Date.now() + opts.timeoutMs;
    const onAbort = (): void => wake();
    opts.signal.addEventListener('abort', onAbort, { once: true });
    try {
      for (;;) {
        const result = results.get(job);
        if (result !== undefined) {
          if (SUCCESS.has(result)) return;
          throw new Error(`${method}(${unit}): the systemd job ${job} finished with result "${result}"; see \`journalctl -u ${unit}\``);
        }
        if (opts.signal.aborted) throw stopping(`${method}(${unit}): stopped waiting for job ${job}`);
        if (lost) throw new Error(`${method}(${unit}): lost the ${bus.kind} bus while waiting for job ${job}; the next check will see where it ended`);
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`${method}(${unit}): job ${job} did not finish within ${opts.timeoutMs / 1000} s (the \`timeout\` param)`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    } finally {
      opts.signal.removeEventListener('abort', onAbort);
    }
  } finally {
    offBus();
    await stop();
  }
}

/** An Error (a DOMException would not do for callers that test `instanceof Error`). */
export const stopping = (what: string): Error => new Error(`${what}: the resource is stopping`);
