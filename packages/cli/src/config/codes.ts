import type { Diagnostic, Span } from '@mgmt/resource';
import { CONFIG_KEYS } from './schema.js';

// One factory per code, kept alphabetical (STYLE.md lesson 6); call sites never format text.

const where = (file: string | undefined, span: Span | undefined) => ({
  ...(file === undefined ? {} : { file }),
  ...(span === undefined ? {} : { span }),
});

export const configInvalidValue = (file: string | undefined, key: string, expected: string, span?: Span): Diagnostic => ({
  code: 'CONFIG_INVALID_VALUE',
  severity: 'error',
  message: `\`${key}\`: ${expected}`,
  ...where(file, span),
  path: key.split('.'),
});

export const configLoadFailed = (file: string, reason: string): Diagnostic => ({
  code: 'CONFIG_LOAD_FAILED',
  severity: 'error',
  message: `cannot load the config file: ${reason}`,
  file,
});

export const configNotFound = (file: string): Diagnostic => ({
  code: 'CONFIG_NOT_FOUND',
  severity: 'error',
  message: `config file ${file} does not exist`,
});

export const configSyntax = (file: string, message: string, span?: Span): Diagnostic => ({
  code: 'CONFIG_SYNTAX',
  severity: 'error',
  message,
  ...where(file, span),
});

export const configUnknownKey = (file: string | undefined, key: string, span?: Span): Diagnostic => ({
  code: 'CONFIG_UNKNOWN_KEY',
  severity: 'error',
  message: `unknown key \`${key}\``,
  ...where(file, span),
  path: key.split('.'),
  hint: `the keys are ${CONFIG_KEYS.map((k) => `\`${k}\``).join(', ')}`,
});
