import { T } from '../../types/type.js';
import type { Module } from './types.js';

// Reactive: a program that calls it is evaluated again every second.
export const datetime: Module = {
  now: {
    params: [],
    returns: T.int,
    doc: 'Seconds since the Unix epoch. Reactive: a program that uses it is evaluated again every second.',
    call: (_args, ctx) => ctx.now(),
  },
};
