import type { Expr, MapExpr, Span, StrExpr } from '../ast/nodes.js';
import { duplicateKey, typeMismatch, type MismatchSubject } from '../diagnostics/codes.js';
import { locationOf } from '../diagnostics/position.js';
import { evalField, evalIndex } from './access.js';
import { evalCall } from './call.js';
import type { Env } from './env.js';
import { evalBinary, evalUnary } from './operators.js';
import { POISON, RefValue, typeName, type Result, type Value } from './values.js';

/** Evaluates an expression; errors are reported to `env` and give POISON. */
export function evalExpr(e: Expr, env: Env): Result {
  switch (e.type) {
    case 'str':
      return evalString(e, env);
    case 'num':
    case 'bool':
      return e.value;
    case 'var':
      return env.lookup(e.name, e.span, env.file);
    case 'list': {
      const items = e.items.map((item) => evalExpr(item, env));
      return items.includes(POISON) ? POISON : (items as Value[]);
    }
    case 'map':
      return evalMap(e, env);
    case 'binary':
      return evalBinary(e, env, evalExpr);
    case 'unary':
      return evalUnary(e, env, evalExpr);
    case 'index':
      return evalIndex(e, env, evalExpr);
    case 'field':
      // `$ns.x` is the variable `x` of the import `ns` (an import name wins over a variable).
      if (e.target.type === 'var' && env.module.namespaces.has(e.target.name)) {
        const ns = env.module.namespaces.get(e.target.name);
        return ns ? ns.scope.lookup(e.name, e.nameSpan, env.file) : POISON;
      }
      return evalField(e, env, evalExpr);
    case 'call':
      return evalCall(e, env, evalExpr);
    case 'if': {
      const cond = evalCondition(e.cond, env);
      // Only the branch taken is evaluated (so only its errors are reported).
      return cond === POISON ? POISON : evalExpr(cond ? e.then : e.otherwise, env);
    }
    case 'ref': {
      const name = evalExpr(e.name, env);
      if (name === POISON) return POISON;
      if (typeof name !== 'string') return mismatch(env, e.name.span, { role: 'reference name' }, 'string', name);
      return new RefValue(e.kind, name, env.file, e.span);
    }
  }
}

/** Reports a value of the wrong type; gives POISON. */
export function mismatch(env: Env, span: Span, subject: MismatchSubject, expected: string, found: Value): typeof POISON {
  env.report(typeMismatch({ file: env.file, span }, subject, expected, typeName(found)));
  return POISON;
}

/** The condition of an `if` (statement or expression): a bool, or POISON. */
export function evalCondition(e: Expr, env: Env): boolean | typeof POISON {
  const v = evalExpr(e, env);
  if (v === POISON || typeof v === 'boolean') return v;
  return mismatch(env, e.span, { role: 'condition' }, 'bool', v);
}

function evalString(e: StrExpr, env: Env): Result {
  let out = '';
  for (const part of e.parts) {
    if (typeof part === 'string') {
      out += part;
      continue;
    }
    const v = evalExpr(part, env);
    if (v === POISON) return POISON;
    // Numbers and bools format as in JSON ("3", "0.5", "true"); anything else is a mistake.
    if (typeof v === 'object') return mismatch(env, part.span, { role: 'interpolation' }, 'string, number or bool', v);
    out += String(v);
  }
  return out;
}

function evalMap(e: MapExpr, env: Env): Result {
  const entries: [string, Value][] = [];
  const seen = new Map<string, number>();
  let poisoned = false;
  for (const entry of e.entries) {
    const key = evalExpr(entry.key, env);
    const value = evalExpr(entry.value, env);
    if (key === POISON || value === POISON) {
      poisoned = true;
    } else if (typeof key !== 'string') {
      mismatch(env, entry.key.span, { role: 'map key' }, 'string', key);
      poisoned = true;
    } else if (seen.has(key)) {
      env.report(duplicateKey({ file: env.file, span: entry.key.span }, 'map key', key, locationOf(env.file, env.source, seen.get(key)!)));
      poisoned = true;
    } else {
      seen.set(key, entry.key.span.start);
      entries.push([key, value]);
    }
  }
  // fromEntries defines own properties, so a key like `__proto__` stays plain data.
  return poisoned ? POISON : Object.fromEntries(entries);
}
