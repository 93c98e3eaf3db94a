import { definePlugin } from '../define-plugin.js';
import { testKind } from './test-kind.js';

/** A plugin holding only the `test` kind. */
export const testPlugin = definePlugin({
  meta: { name: '@mgmt/resource/testing', version: '0.0.0' },
  resources: [testKind],
});
