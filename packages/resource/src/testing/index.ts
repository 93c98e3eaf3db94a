export { conformance, type ConformanceCheck, type ConformanceSpec, type InvalidCase, type ValidCase } from './conformance.js';
export { formatIssues, makeContext, parseSent, recordingLogger, type LogLine, type MakeContextOptions, type Sibling, type TestContext } from './context.js';
export { fakeResource, type FakeVerbs } from './fake-resource.js';
export { testKind } from './test-kind.js';
export { testPlugin } from './test-plugin.js';
