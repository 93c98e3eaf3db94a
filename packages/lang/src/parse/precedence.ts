import type { BinaryOp, Expr } from '../ast/nodes.js';

/**
 * Binding strength of each binary operator, loosest first (as in Go, minus its bit
 * operators). All are left-associative; unary `!` and `-` bind tighter than any of them.
 */
export const PRECEDENCE: Readonly<Record<BinaryOp, number>> = {
  '||': 1,
  '&&': 2,
  '==': 3,
  '!=': 3,
  '=~': 3,
  '<': 4,
  '>': 4,
  '<=': 4,
  '>=': 4,
  '+': 5,
  '-': 5,
  '*': 6,
  '/': 6,
  '%': 6,
};

/**
 * Builds the tree of `operands[0] ops[0] operands[1] ops[1] …` by precedence climbing.
 * The grammar matches operators as a flat list because one rule per level would make Ohm
 * memoize every level for every value in the program.
 */
export function climb(operands: readonly Expr[], ops: readonly BinaryOp[]): Expr {
  let next = 0;
  const parse = (min: number): Expr => {
    let left = operands[next++]!;
    // ops[next - 1] is the operator right after the operand just read.
    while (next - 1 < ops.length && PRECEDENCE[ops[next - 1]!] >= min) {
      const op = ops[next - 1]!;
      const right = parse(PRECEDENCE[op] + 1);
      left = { type: 'binary', op, left, right, span: { start: left.span.start, end: right.span.end } };
    }
    return left;
  };
  return parse(0);
}
