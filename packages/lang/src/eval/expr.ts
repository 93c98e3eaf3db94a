import type { AddExpr, Expr, MapExpr, StrExpr } from '../ast/nodes.js';
import { duplicateKey, typeMismatch } from '../diagnostics/codes.js';
import { locationOf } from '../diagnostics/position.js';
import type { Env } from './env.js';
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
    case 'add':
      return evalAdd(e, env);
    case 'ref': {
      const name = evalExpr(e.name, env);
      if (name === POISON) return POISON;
      if (typeof name !== 'string') {
        env.report(typeMismatch({ file: env.file, span: e.name.span }, { role: 'reference name' }, 'string', typeName(name)));
        return POISON;
      }
      return new RefValue(e.kind, name, env.file, e.span);
    }
  }
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
    if (typeof v === 'object') {
      env.report(typeMismatch({ file: env.file, span: part.span }, { role: 'interpolation' }, 'string, number or bool', typeName(v)));
      return POISON;
    }
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
      env.report(typeMismatch({ file: env.file, span: entry.key.span }, { role: 'map key' }, 'string', typeName(key)));
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

function evalAdd(e: AddExpr, env: Env): Result {
  const l = evalExpr(e.left, env);
  const r = evalExpr(e.right, env);
  if (l === POISON || r === POISON) return POISON;
  if (typeof l === 'string' && typeof r === 'string') return l + r;
  if (typeof l === 'number' && typeof r === 'number') return l + r;
  if (Array.isArray(l) && Array.isArray(r)) return [...(l as Value[]), ...(r as Value[])];
  env.report(
    typeMismatch({ file: env.file, span: e.span }, { role: '`+`' }, 'two strings, two numbers or two lists', `${typeName(l)} and ${typeName(r)}`),
  );
  return POISON;
}
