import test from 'ava';
import { converged, defineResource, displaySendRecv, z } from '../src/index.js';
import { makeContext, parseSent } from '../src/testing/index.js';

const sender = defineResource({
  kind: 'gen',
  meta: { description: 'sends a word' },
  params: z.object({ word: z.string() }),
  sends: z.object({ word: z.string(), length: z.number().int() }),
  check: async () => converged,
  apply: async (ctx) => ctx.send?.({ word: ctx.params.word, length: ctx.params.word.length }),
});

test('makeContext records what a verb sent, parsed by the kind\'s `sends`', async (t) => {
  const ctx = makeContext(sender, { word: 'hello' });
  await sender.apply(ctx, undefined);
  t.deepEqual(ctx.sent, [{ word: 'hello', length: 5 }]);
  t.throws(() => ctx.send?.({ word: 1 }), { message: /^gen sent invalid values:\nword: / });
});

test('a kind that declares no `sends` cannot send', (t) => {
  const quiet = defineResource({ kind: 'quiet', meta: { description: 'sends nothing' }, params: z.object({}), check: async () => converged, apply: async () => {} });
  t.throws(() => parseSent(quiet, {}), { message: 'kind `quiet` sends nothing: it declares no `sends` schema' });
});

test('sent value names are lowercase snake_case, like params', (t) => {
  const bad = () =>
    defineResource({ kind: 'bad', meta: { description: 'x' }, params: z.object({}), sends: z.object({ exitCode: z.number() }), check: async () => converged, apply: async () => {} });
  t.throws(bad, { message: 'kind `bad`: sent value "exitCode" must be lowercase snake_case' });
});

test('a send/recv pair displays as kind[name].output -> kind[name].param', (t) => {
  t.is(displaySendRecv({ kind: 'exec', name: 'e' }, { kind: 'file', name: '/tmp/f' }, { send: 'stdout', recv: 'content' }), 'exec[e].stdout -> file[/tmp/f].content');
});
