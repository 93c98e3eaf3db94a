import { z } from 'zod';
import { converged, drifted } from '../check-result.js';
import { defineResource } from '../define-resource.js';

/**
 * A side-effect-free kind with one param of every type, for language and engine tests
 * (the Go mgmt's TestRes). It is drifted until its first apply, then converged; it touches
 * nothing outside its own vertex state.
 */
export const testKind = defineResource({
  kind: 'test',
  meta: { description: 'a kind for tests: one param of every type, no side effects' },
  params: z.strictObject({
    str: z.string().optional(),
    num: z.number().optional(),
    int: z.int().optional(),
    bool: z.boolean().optional(),
    list: z.array(z.string()).optional(),
    map: z.record(z.string(), z.string()).optional(),
    mode: z.string().regex(/^0[0-7]{3}$/, 'must be an octal mode like "0644"').optional(),
  }),
  state: () => ({ applied: 0 }),
  async check(ctx) {
    return ctx.state.applied > 0 ? converged : drifted(null, [`apply test[${ctx.name}]`]);
  },
  async apply(ctx) {
    ctx.state.applied++;
  },
});
