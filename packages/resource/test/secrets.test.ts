import test from 'ava';
import { converged, defineResource, drifted, redact, redactor, SECRET, secretParams, z } from '../src/index.js';

/** A test kind with a secret param: a user account whose password must never be shown. */
const account = defineResource({
  kind: 'account',
  meta: { description: 'a test kind with a secret password' },
  params: z.strictObject({
    user: z.string(),
    password: z.string().meta({ secret: true }).optional(),
    token: z.string().optional().meta({ secret: true }),
    pin: z.string().meta({ secret: true }).default('0000'),
    tags: z.array(z.string()).default([]),
  }),
  async check(ctx) {
    return ctx.params.password === undefined ? converged : drifted(null, ['set password'], [{ param: 'password', from: 'old', to: ctx.params.password }]);
  },
  async apply() {},
});

test('secret params are read from zod metadata, through optional and default wrappers', (t) => {
  t.deepEqual([...secretParams(account)].sort(), ['password', 'pin', 'token']);
  t.is(secretParams(account), secretParams(account), 'computed once per schema');
  t.deepEqual(z.toJSONSchema(account.params).properties?.['password'], { type: 'string', secret: true });
});

test('redact replaces the values of secret params that are set', (t) => {
  const params = { user: 'ann', password: 'hunter2', pin: '1234', tags: [] };
  t.deepEqual(redact(account, params), { user: 'ann', password: SECRET, pin: SECRET, tags: [] });
  t.deepEqual(params.password, 'hunter2', 'the input is not changed');
  t.deepEqual(redact(account, { user: 'ann' }), { user: 'ann' });
});

test('a redactor scrubs secret values from text and keeps only the shape of secret details', (t) => {
  const r = redactor(secretParams(account), { user: 'ann', password: 'hunter2', pin: '1234' });
  t.true(r.active);
  t.deepEqual(r.changes(['set password hunter2 for ann']), ['set password (secret) for ann']);
  t.deepEqual(r.details([{ param: 'password', from: 'x', to: 'hunter2', diff: '-x\n+hunter2\n' }, { param: 'user', from: 'hunter2', to: ['a', 'hunter2'] }]), [
    { param: 'password', from: SECRET, to: SECRET, diff: SECRET },
    { param: 'user', from: SECRET, to: ['a', SECRET] },
  ]);
  t.is(r.text('pin 1234, pin 12345'), 'pin (secret), pin (secret)5');
});

test('a kind without secrets gets the identity redactor', (t) => {
  const r = redactor(new Set(), { a: 'b' });
  t.false(r.active);
  const changes = ['b'];
  t.is(r.changes(changes), changes);
});
