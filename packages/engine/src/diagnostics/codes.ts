import { displayRef, type DeclRef, type Diagnostic, type Origin } from '@mgmt/resource';

// One factory per code, alphabetical. Call sites never format text.

const at = (origin: Origin | undefined): Pick<Diagnostic, 'file' | 'span'> =>
  origin ? { file: origin.file, span: origin.span } : {};

export const cycle = (keys: readonly string[]): Diagnostic => ({
  code: 'ENGINE_CYCLE',
  severity: 'error',
  message: `the graph has a cycle: ${[...keys, keys[0]].join(' -> ')}`,
  hint: 'remove one of these edges (autoedges can be turned off with `Meta:autoedge => false`)',
});

export const duplicateResource = (key: string, origin?: Origin): Diagnostic => ({
  code: 'ENGINE_DUPLICATE_RESOURCE',
  severity: 'error',
  message: `${key} is declared twice`,
  ...at(origin),
});

export const duplicateRecv = (slot: string, first: string, second: string, origin?: Origin): Diagnostic => ({
  code: 'ENGINE_DUPLICATE_RECV',
  severity: 'error',
  message: `${slot} receives from both ${first} and ${second}`,
  hint: 'a param receives from one sender only: remove one of the send/recv edges',
  ...at(origin),
});

export const invalidParams = (key: string, detail: string, origin?: Origin): Diagnostic => ({
  code: 'ENGINE_INVALID_PARAMS',
  severity: 'error',
  message: `${key}: ${detail}`,
  ...at(origin),
});

export const unknownEdgeTarget = (ref: DeclRef): Diagnostic => ({
  code: 'ENGINE_UNKNOWN_EDGE_TARGET',
  severity: 'error',
  message: `an edge names ${displayRef(ref)}, which is not in the graph`,
});

export const unknownRecv = (key: string, param: string, origin?: Origin): Diagnostic => ({
  code: 'ENGINE_UNKNOWN_RECV',
  severity: 'error',
  message: `${key} has no param \`${param}\` to receive into`,
  ...at(origin),
});

export const unknownSend = (key: string, output: string, sends: readonly string[], origin?: Origin): Diagnostic => ({
  code: 'ENGINE_UNKNOWN_SEND',
  severity: 'error',
  message: `${key} does not send \`${output}\``,
  hint: sends.length > 0 ? `it sends ${sends.map((s) => `\`${s}\``).join(', ')}` : 'its kind sends nothing (it declares no `sends`)',
  ...at(origin),
});

export const unknownKind = (kind: string, plugin: string, origin?: Origin): Diagnostic => ({
  code: 'ENGINE_UNKNOWN_KIND',
  severity: 'error',
  message: `no plugin provides kind \`${kind}\``,
  hint: `run \`mgmt plugin add ${plugin}\``,
  ...at(origin),
});
