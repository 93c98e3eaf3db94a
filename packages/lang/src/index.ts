export type * from './ast/nodes.js';
export { compile, type CompileOptions, type CompileResult } from './compile.js';
export { renderDiagnostic, type RenderOptions } from './diagnostics/render.js';
export { evaluate, type EvaluateOptions, type EvaluateResult, type ParsedFile } from './eval/evaluate.js';
export { loadProgram } from './load.js';
export type { ImportReader } from './modules/link.js';
export { parse } from './parse/parse-cached.js';
export type { ParseResult, SourceFile } from './parse/parse.js';
export { printGraphText } from './print/print-graph.js';
