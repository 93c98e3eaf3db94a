import test from 'ava';
import { explainNpmFailure, npmLogFile } from '../src/plugins/npm-failure.js';

test('a network failure names the registry, from the packument URL npm requested', (t) => {
  const output = [
    'npm error code ENOTFOUND',
    'npm error FetchError: request to https://npm.example.com/repo/npm/@acme%2fmgmt-plugin-web failed, reason: getaddrinfo ENOTFOUND npm.example.com',
    'npm error     at ClientRequest.<anonymous> (/usr/lib/node_modules/npm/node_modules/minipass-fetch/lib/index.js:130:14)',
    'npm error A complete log of this run can be found in: /root/.npm/_logs/x-debug-0.log',
  ].join('\n');
  const f = explainNpmFailure(output, '@acme/mgmt-plugin-web@^2');
  t.is(f.message, 'cannot reach the npm registry at https://npm.example.com/repo/npm/ (ENOTFOUND), so @acme/mgmt-plugin-web@^2 was not installed');
  t.is(npmLogFile(output), '/root/.npm/_logs/x-debug-0.log');
});

test('a range with no match names the package and range; versions are listed when known', (t) => {
  const output = 'npm error code ETARGET\nnpm error notarget No matching version found for @acme/x@^9.\n';
  t.is(explainNpmFailure(output, '@acme/x@^9', ['1.0.0', '2.0.0']).message, 'no published version of @acme/x matches ^9; published versions: 1.0.0, 2.0.0');
  t.is(explainNpmFailure(output, '@acme/x@^9').message, 'no published version of @acme/x matches ^9');
});

test("other failures keep npm's own first lines, without stack frames or the log line", (t) => {
  const output = ['npm warn Unknown user config "nodedir".', 'npm error code EINTEGRITY', 'npm error sha512-abc integrity checksum failed', 'npm error     at foo (x.js:1:1)', 'npm error A complete log of this run can be found in: /x.log'].join('\n');
  t.is(explainNpmFailure(output, 'x').message, 'npm could not install x: code EINTEGRITY; sha512-abc integrity checksum failed');
});
