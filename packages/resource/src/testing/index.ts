export { fakeResource, type FakeVerbs } from './fake-resource.js';
export { testKind } from './test-kind.js';
export { testPlugin } from './test-plugin.js';
