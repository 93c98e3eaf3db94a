import test from 'ava';
import { execParams, mainCommand } from '../src/params.js';

test('defaults: only cmd is required, shell is /bin/sh', (t) => {
  const p = execParams.parse({ cmd: 'true' });
  t.deepEqual(p, { cmd: 'true', shell: '/bin/sh' });
  t.deepEqual(mainCommand(p), { file: '/bin/sh', args: ['-c', 'true'], display: 'true' });
});

test('every param is accepted', (t) => {
  const input = {
    cmd: 'touch',
    args: ['a b'],
    cwd: '/tmp',
    env: { A: '1' },
    timeout: 1.5,
    ifcmd: 'true',
    creates: 'a b',
    watchcmd: 'tail -F x',
    shell: '/bin/bash',
  };
  t.deepEqual(execParams.parse(input), input);
});

test('cmd is required and not empty', (t) => {
  t.false(execParams.safeParse({}).success);
  t.false(execParams.safeParse({ cmd: '' }).success);
});

test('an unknown param is rejected, with its name', (t) => {
  const r = execParams.safeParse({ cmd: 'true', ifcommand: 'true' });
  t.false(r.success);
  t.regex(JSON.stringify(r.error?.issues), /ifcommand/);
});

test('args must be a list of strings', (t) => {
  t.false(execParams.safeParse({ cmd: 'echo', args: 'a b' }).success);
  t.false(execParams.safeParse({ cmd: 'echo', args: [1] }).success);
  t.true(execParams.safeParse({ cmd: 'echo', args: [] }).success);
});

test('env values are strings; timeout is positive and fits a timer', (t) => {
  t.false(execParams.safeParse({ cmd: 'true', env: { A: 1 } }).success);
  t.false(execParams.safeParse({ cmd: 'true', timeout: 0 }).success);
  t.false(execParams.safeParse({ cmd: 'true', timeout: -1 }).success);
  t.false(execParams.safeParse({ cmd: 'true', timeout: 3e6 }).success);
  t.false(execParams.safeParse({ cmd: 'true', timeout: '3' }).success);
});

test('with args there is no shell, and the display quotes args with spaces', (t) => {
  const p = execParams.parse({ cmd: 'touch', args: ['/tmp/a b', '/tmp/c'] });
  t.deepEqual(mainCommand(p), { file: 'touch', args: ['/tmp/a b', '/tmp/c'], display: 'touch "/tmp/a b" /tmp/c' });
});
