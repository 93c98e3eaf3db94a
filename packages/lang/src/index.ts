export type * from './ast/nodes.js';
export { compile, type CompileOptions, type CompileResult } from './compile.js';
export { renderDiagnostic, type RenderOptions } from './diagnostics/render.js';
/** The language's "did you mean": other front ends (the YAML loader) suggest names the same way. */
export { closest } from './diagnostics/did-you-mean.js';
export { evaluate, type EvaluateOptions, type EvaluateResult, type ParsedFile, type ProgramInputs } from './eval/evaluate.js';
export type { CollectedResource, ExportedResource } from './eval/world.js';
export { loadProgram } from './load.js';
export type { ImportReader } from './modules/link.js';
export { parse } from './parse/parse-cached.js';
export type { ParseResult, SourceFile } from './parse/parse.js';
export { printGraphText } from './print/print-graph.js';
