import { readFile, writeFile } from 'node:fs/promises';
import { z } from '@mgmt/resource';
import test from 'ava';
import { pkgParams } from '../src/index.js';

// The params' JSON Schema is the kind's public API: a change shows up in review as a diff
// of this file. The input side is what users write (defaults make params optional).
// UPDATE_GOLDEN=1 rewrites it.
const snap = new URL('schema.snap.json', import.meta.url);

test('params JSON Schema matches the committed snapshot', async (t) => {
  const actual = `${JSON.stringify(z.toJSONSchema(pkgParams, { io: 'input' }), null, 2)}\n`;
  if (process.env.UPDATE_GOLDEN === '1') await writeFile(snap, actual);
  t.is(actual, await readFile(snap, 'utf8'));
});
