import test from 'ava';
import { defaultMetaparams, metaparamsSchema, parseSema } from '../src/index.js';

test('the defaults keep the plain behaviour: no limit, burst 1, no semaphores', (t) => {
  t.like(defaultMetaparams, { retry: 0, delay: 0, poll: 0, noop: false, autoedge: true, limit: 0, burst: 1 });
  t.deepEqual(defaultMetaparams.sema, []);
});

test('limit is a rate (float, 0 or more); burst a whole number, 1 or more', (t) => {
  t.is(metaparamsSchema.parse({ limit: 0.5, burst: 3 }).limit, 0.5);
  t.false(metaparamsSchema.safeParse({ limit: -1 }).success);
  t.false(metaparamsSchema.safeParse({ burst: 0 }).success);
  t.false(metaparamsSchema.safeParse({ burst: 1.5 }).success);
});

test('sema entries are NAME or NAME:SIZE, the size after the last colon', (t) => {
  t.deepEqual(parseSema('pkg'), { name: 'pkg', size: 1, id: 'pkg:1' });
  t.deepEqual(parseSema('pkg:1'), { name: 'pkg', size: 1, id: 'pkg:1' });
  t.deepEqual(parseSema('net:io:4'), { name: 'net:io', size: 4, id: 'net:io:4' });
  t.deepEqual(parseSema('a:b'), { name: 'a:b', size: 1, id: 'a:b:1' });
  t.is(parseSema(''), undefined);
  t.is(parseSema(':2'), undefined);
  t.is(parseSema('pkg:0'), undefined);
  t.true(metaparamsSchema.safeParse({ sema: ['pkg', 'net:2'] }).success);
  const bad = metaparamsSchema.safeParse({ sema: ['pkg:0'] });
  t.false(bad.success);
  t.regex(bad.error?.issues[0]?.message ?? '', /NAME:SIZE/);
});
