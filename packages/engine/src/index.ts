export { Engine, type EngineOptions, type RunOptions } from './executor/engine.js';
export { ApplyVetoedError } from './executor/check-apply.js';
export { buildGraph, type BuildResult, type EngineGraph, type GraphEdge, type Node } from './graph/engine-graph.js';
export { findCycle } from './graph/find-cycle.js';
export { diffGraph, type GraphDiff } from './graph/diff-graph.js';
export { createHooks, type ApplyOutcome, type Cause, type CheckOutcome, type EngineHooks } from './hooks.js';
export type { RunSummary, VertexStatus, VertexView } from './types.js';
export { logReporter } from './reporters/log-reporter.js';
export { toDot } from './graph/to-dot.js';
