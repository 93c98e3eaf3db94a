export { FileInputs } from './inputs.js';
export { ReactiveLoop, type ReactiveDeps } from './loop.js';
