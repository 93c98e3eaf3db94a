import { freshVar, isNumber, kindType, resolve, T, type FuncType, type Type, type TypeVar } from './type.js';

/** Whether a value fits: `no` only when it certainly does not (then it is reported). */
export type Verdict = 'yes' | 'no' | 'maybe';

const worst = (vs: readonly Verdict[]): Verdict => (vs.includes('no') ? 'no' : vs.includes('maybe') ? 'maybe' : 'yes');
const best = (vs: readonly Verdict[]): Verdict => (vs.includes('yes') ? 'yes' : vs.includes('maybe') ? 'maybe' : 'no');

/** A type a generic param may be bound to: something definite, not a choice. */
const bindable = (t: Type): boolean => !['unknown', 'never', 'mixed', 'union', 'var'].includes(t.k);

/**
 * Whether a value of type `found` may be used where `expected` is needed. With `bind`,
 * unbound variables are bound on the way (unification, one-sided):
 * - a param's variable in `found` takes `expected`: the body uses the param as that type, so
 *   every call must pass one (`func f($x) { $x * 2 }` makes `$x` a number);
 * - a call's fresh variable in `expected` takes the kind of `found` (numbers as `num`, lists
 *   and maps with any elements): `func add($a, $b) { $a + $b }` needs two values of one kind,
 *   not of one exact type, so `add(1, 2.5)` and `add([1], ["a"])` are fine.
 * Two variables are linked, a call's to the param's, so constraints flow through calls.
 */
export function fits(found: Type, expected: Type, bind = true): Verdict {
  const f = resolve(found);
  const x = resolve(expected);
  if (x.k === 'var') {
    if (bind) bindExpected(x, f);
    return bind ? 'yes' : 'maybe';
  }
  if (f.k === 'var') {
    if (bind && bindable(x) && !occurs(f, x)) f.bound = x;
    return bind ? 'yes' : 'maybe';
  }
  if (f.k === 'unknown' || f.k === 'never' || x.k === 'unknown' || x.k === 'never') return 'yes';
  // Elements of several kinds fit no single type, but may fit a union of them.
  if (f.k === 'mixed') return x.k === 'union' || x.k === 'mixed' ? 'maybe' : 'no';
  if (x.k === 'union') return best(x.of.map((o) => fits(f, o, false)));
  switch (x.k) {
    case 'int':
      return f.k === 'int' ? 'yes' : f.k === 'num' ? 'maybe' : 'no';
    case 'float':
    case 'num':
      return isNumber(f) ? 'yes' : 'no';
    case 'list':
      return f.k === 'list' ? fits(f.elem, x.elem, bind) : 'no';
    case 'map':
      if (f.k === 'record') return worst(Object.values(f.fields).map((v) => fits(v, x.value, bind)));
      return f.k === 'map' ? fits(f.value, x.value, bind) : 'no';
    case 'record':
      return f.k === 'record' || f.k === 'map' ? 'maybe' : 'no';
    case 'mixed':
      return 'maybe';
    default:
      return f.k === x.k ? 'yes' : 'no';
  }
}

/** Whether `v` appears in `t`: binding it there would make an infinite type. */
function occurs(v: TypeVar, t: Type): boolean {
  const r = resolve(t);
  switch (r.k) {
    case 'var':
      return r === v;
    case 'list':
      return occurs(v, r.elem);
    case 'map':
      return occurs(v, r.value);
    case 'union':
      return r.of.some((o) => occurs(v, o));
    case 'record':
      return Object.values(r.fields).some((o) => occurs(v, o));
    default:
      return false;
  }
}

function bindExpected(x: TypeVar, f: Type): void {
  if (f.k === 'var') {
    if (f === x) return;
    // A param's variable stays the representative, so what the call learns reaches the body's type.
    if (f.param && !x.param) x.bound = f;
    else f.bound = x;
    return;
  }
  const kind = kindType(f);
  if (kind.k !== 'unknown') x.bound = kind;
}

/**
 * The type of the elements of one collection. `strict`: every part is there at once (a list
 * literal, `l1 + l2`), so two kinds make `mixed`; otherwise only one part is (the branches
 * of an `if`), and two kinds make `unknown`. A variable joins only with itself.
 */
export function join(a: Type, b: Type, strict: boolean): Type {
  const x = resolve(a);
  const y = resolve(b);
  if (x === y) return x;
  if (x.k === 'never') return y;
  if (y.k === 'never') return x;
  if (x.k === 'unknown' || y.k === 'unknown' || x.k === 'var' || y.k === 'var') return T.unknown;
  if (isNumber(x) && isNumber(y)) return x.k === y.k ? x : T.num;
  if (x.k === 'list' && y.k === 'list') return T.list(join(x.elem, y.elem, strict));
  if (x.k === 'map' && y.k === 'map') return T.map(join(x.value, y.value, strict));
  if (x.k === 'record' && y.k === 'record') return x;
  if ((x.k === 'record' || x.k === 'map') && (y.k === 'record' || y.k === 'map')) return T.map(T.unknown);
  if (x.k === y.k && x.k !== 'mixed' && x.k !== 'union' && x.k !== 'record' && x.k !== 'map') return x;
  return strict ? T.mixed : T.unknown;
}

/** A copy of `sig` whose unbound variables are fresh ones: one call of a generic function. */
export function instantiate(sig: FuncType): FuncType {
  const fresh = new Map<number, TypeVar>();
  const copy = (t: Type): Type => {
    const r = resolve(t);
    switch (r.k) {
      case 'var': {
        let v = fresh.get(r.id);
        if (!v) fresh.set(r.id, (v = freshVar()));
        return v;
      }
      case 'list':
        return T.list(copy(r.elem));
      case 'map':
        return T.map(copy(r.value));
      case 'union':
        return T.union(r.of.map(copy));
      case 'record':
        return T.record(Object.fromEntries(Object.entries(r.fields).map(([k, v]) => [k, copy(v)])));
      default:
        return r;
    }
  };
  return { params: sig.params.map(copy), ...(sig.rest ? { rest: copy(sig.rest) } : {}), ret: copy(sig.ret) };
}

/**
 * `t` after a call: a fresh variable that nothing bound is `unknown` (its value came from an
 * argument of unknown type), so it can never be bound by a later, unrelated use. A param's
 * variable stays: it belongs to the body being checked.
 */
export function settle(t: Type): Type {
  const r = resolve(t);
  switch (r.k) {
    case 'var':
      return r.param ? r : T.unknown;
    case 'list':
      return T.list(settle(r.elem));
    case 'map':
      return T.map(settle(r.value));
    default:
      return r;
  }
}
