import { converged, defineResource, drifted, z, type ResourceDefinition } from '../src/index.js';
import type { ValidCase } from '../src/testing/index.js';

const memoParams = z.strictObject({
  key: z.string().min(1, 'must not be empty').describe('the key to set'),
  value: z.string().describe('the value it must hold'),
});

export type MemoDefinition = ResourceDefinition<typeof memoParams, string>;

/** A tiny, well-behaved kind over an in-memory store, and handles to break it with. */
export function memo(over: Partial<Pick<MemoDefinition, 'check' | 'apply' | 'watch' | 'refresh' | 'capabilities'>> = {}) {
  const store = new Map<string, string>();
  const listeners = new Set<(key: string) => void>();
  const set = (key: string, value: string | undefined): void => {
    if (value === undefined) store.delete(key);
    else store.set(key, value);
    for (const l of listeners) l(key);
  };
  const def: MemoDefinition = defineResource({
    kind: 'memo',
    meta: { description: 'a value in an in-memory store' },
    params: memoParams,
    async check(ctx) {
      const have = store.get(ctx.params.key);
      return have === ctx.params.value ? converged : drifted(ctx.params.value, [`${ctx.params.key}: ${have ?? '(unset)'} -> ${ctx.params.value}`]);
    },
    async apply(ctx, value) {
      set(ctx.params.key, value);
    },
    async watch(ctx) {
      const l = (key: string): void => {
        if (key === ctx.params.key) ctx.event(`${key} changed`);
      };
      listeners.add(l);
      return () => void listeners.delete(l);
    },
    async refresh() {},
    ...over,
  });
  const valid: ValidCase<typeof memoParams> = {
    name: 'greeting',
    params: { key: 'greeting', value: 'hello' },
    setup: async () => store.clear(),
    snapshot: async () => Object.fromEntries(store),
    drift: async () => set('greeting', 'bye'),
  };
  return { def, store, set, listeners, valid };
}
