import test from 'ava';
import { mgmtWith, program } from './helpers.js';

// etcd3 brings grpc and protobufjs: ~100 ms of start-up that an agent on the in-memory world
// must not pay. They are CommonJS, so node's module debug log names them when they load.
test('an agent on the in-memory world never loads the etcd client', async (t) => {
  const { dir } = await program('');
  const { file } = await program(`file "${dir}/f" { content => "x\\n", }\n`);
  const r = await mgmtWith({ NODE_DEBUG: 'module' }, ['run', '--converged-timeout=0', file]);
  t.is(r.code, 0, r.err);
  t.true(r.err.includes('MODULE'), 'the module debug log is on');
  t.false(/etcd3|@grpc|protobufjs/.test(r.err));
});
