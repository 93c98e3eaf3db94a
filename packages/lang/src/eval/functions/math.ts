import { T, type Type } from '../../types/type.js';
import { param, type FuncDef, type Module } from './types.js';

// floor and ceil give whole numbers: ints, statically too.
const unary = (doc: string, f: (x: number) => number, returns: Type = T.num): FuncDef => ({ params: [param('x', T.num)], returns, doc, call: ([x]) => f(x as number) });
const binary = (doc: string, f: (a: number, b: number) => number): FuncDef => ({
  params: [param('a', T.num), param('b', T.num)],
  returns: T.num,
  doc,
  call: ([a, b]) => f(a as number, b as number),
});

export const math: Module = {
  min: binary('The smaller of `a` and `b`.', Math.min),
  max: binary('The larger of `a` and `b`.', Math.max),
  abs: unary('The absolute value of `x`.', Math.abs),
  floor: unary('The greatest integer not above `x`.', Math.floor, T.int),
  ceil: unary('The least integer not below `x`.', Math.ceil, T.int),
};
