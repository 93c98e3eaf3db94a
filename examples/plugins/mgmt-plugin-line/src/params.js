import { z } from '@mgmt/resource';

/** The params of `line`; `.describe()` texts become `mgmt docs line`. */
export const params = z.strictObject({
  path: z
    .string()
    .regex(/^\//, 'must be an absolute path')
    .describe('the file to edit (absolute); its directory must exist'),
  line: z
    .string()
    .regex(/^[^\n\r]*$/, 'must be a single line, without a newline')
    .describe('the whole line, without its newline; compared exactly, whitespace included'),
  state: z.enum(['present', 'absent']).default('present').describe('present: append the line unless the file has it; absent: remove every copy'),
});

/** @typedef {import('@mgmt/resource').z.output<typeof params>} LineParams */
