import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import test from 'ava';
import { moduleSyntaxError } from '../src/config/module-positions.js';
import { mgmtIn, tempDir } from './plugin-helpers.js';

// YAML and JS/TS configs point at their errors like JSON ones do (config.test.ts):
// `file:line:col - error CODE: message`, the line, and a caret.

async function config(name: string, text: string) {
  const dir = await tempDir('mgmt-config-pos-');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, name), text);
  return mgmtIn(dir, ['config']);
}

test('a YAML syntax error is reported at its line and column, with a caret', async (t) => {
  const r = await config('.mgmtrc.yaml', 'hostname: web1\nplugins: [a, b\nlogFormat: json\n');
  t.is(r.code, 2);
  t.regex(r.stderr, /^\.mgmtrc\.yaml:3:1 - error CONFIG_SYNTAX: missed comma between flow collection entries$/m);
  t.regex(r.stderr, /^> 3 \| logFormat: json\n +\| \^$/m);
  const yml = await config('.mgmtrc.yml', 'hostname: web1\n  seeds: []\n');
  t.is(yml.code, 2);
  t.regex(yml.stderr, /^\.mgmtrc\.yml:2:8 - error CONFIG_SYNTAX: bad indentation of a mapping entry$/m);
});

test('schema errors in a YAML config point at the key, or the list item', async (t) => {
  const r = await config('.mgmtrc.yaml', ['# agent settings', 'hostname: 3', 'plugins:', '  - mgmt-plugin-a', '  - 5', 'seeds: [http://a:2379, 7]', 'hostnmae: x', ''].join('\n'));
  t.is(r.code, 2);
  t.regex(r.stderr, /^\.mgmtrc\.yaml:2:1 - error CONFIG_INVALID_VALUE: `hostname`: expected string, received number\n {2}1 \| # agent settings\n> 2 \| hostname: 3\n +\| \^~~~~~~~$/m);
  t.regex(r.stderr, /^\.mgmtrc\.yaml:5:5 - error CONFIG_INVALID_VALUE: `plugins\.1`: expected a package name, false or null, or a list of them$/m);
  t.regex(r.stderr, /^\.mgmtrc\.yaml:6:1 - error CONFIG_INVALID_VALUE: `seeds\.1`: expected string, received number$/m, 'inside a flow list: the key');
  t.regex(r.stderr, /^\.mgmtrc\.yaml:7:1 - error CONFIG_UNKNOWN_KEY: unknown key `hostnmae`$/m);
  const bare = await config('.mgmtrc', 'logFormat: xml\n');
  t.regex(bare.stderr, /^\.mgmtrc:1:1 - error CONFIG_INVALID_VALUE: `logFormat`: /m, 'a YAML .mgmtrc too');
});

test('a syntax error in a TS, MJS or CJS config names file:line:col', async (t) => {
  const esm = "export default {\n  hostname: 'a',,\n};\n";
  for (const [name, text] of [['mgmt.config.ts', esm], ['mgmt.config.mjs', esm], ['.mgmtrc.cjs', "module.exports = {\n  hostname: 'a',,\n};\n"]] as const) {
    const r = await config(name, text);
    t.is(r.code, 2, name);
    t.regex(r.stderr, new RegExp(`^${name.replace(/\./g, '\\.')}:2:17 - error CONFIG_SYNTAX: Unexpected token .,.$`, 'm'), name);
    t.regex(r.stderr, /^> 2 \| {3}hostname: 'a',,\n +\| +\^$/m, name);
  }
});

test('a JS config that throws is CONFIG_LOAD_FAILED, with its message', async (t) => {
  const r = await config('mgmt.config.mjs', "JSON.parse('{');\nexport default {};\n");
  t.is(r.code, 2);
  t.regex(r.stderr, /^mgmt\.config\.mjs - error CONFIG_LOAD_FAILED: cannot load the config file: .*JSON/m);
});

test("node's ESM loader gives no position; jiti's parse finds it, and finds none in valid text", async (t) => {
  const source = "export default {\n  hostname: 'a',,\n};\n";
  const found = await moduleSyntaxError(new SyntaxError("Unexpected token ','"), '/srv/mgmt.config.mjs', source);
  t.deepEqual(found, { span: { start: 33, end: 34 }, message: 'Unexpected token `,`' });
  t.is(source[33], ',');
  t.is(await moduleSyntaxError(new SyntaxError('Unexpected end of JSON input'), '/srv/mgmt.config.mjs', 'export default JSON.parse("{");\n'), undefined);
  t.is(await moduleSyntaxError(new Error('boom'), '/srv/mgmt.config.mjs', source), undefined, 'only a SyntaxError is parsed again');
});
