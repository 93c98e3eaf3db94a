import { readFile, writeFile } from 'node:fs/promises';
import { z } from '@mgmt/resource';
import test from 'ava';
import { execParams } from '../src/params.js';

// The params' JSON Schema is the kind's public API: a change shows up in review as a diff of
// this file. `UPDATE_GOLDEN=1` rewrites it.
const snapshot = new URL('schema.snap.json', import.meta.url);

test('the params schema matches test/schema.snap.json', async (t) => {
  const actual = `${JSON.stringify(z.toJSONSchema(execParams, { io: 'input' }), null, 2)}\n`;
  if (process.env.UPDATE_GOLDEN === '1') await writeFile(snapshot, actual);
  t.is(actual, await readFile(snapshot, 'utf8'));
});
