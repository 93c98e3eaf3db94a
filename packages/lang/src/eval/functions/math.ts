import { param, type FuncDef, type Module } from './types.js';

const unary = (doc: string, f: (x: number) => number): FuncDef => ({ params: [param('x', 'number')], returns: 'number', doc, call: ([x]) => f(x as number) });
const binary = (doc: string, f: (a: number, b: number) => number): FuncDef => ({
  params: [param('a', 'number'), param('b', 'number')],
  returns: 'number',
  doc,
  call: ([a, b]) => f(a as number, b as number),
});

export const math: Module = {
  min: binary('The smaller of `a` and `b`.', Math.min),
  max: binary('The larger of `a` and `b`.', Math.max),
  abs: unary('The absolute value of `x`.', Math.abs),
  floor: unary('The greatest integer not above `x`.', Math.floor),
  ceil: unary('The least integer not below `x`.', Math.ceil),
};
