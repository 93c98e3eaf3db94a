import type { Expr } from './nodes.js';
import { literalText } from './query.js';

/** A value known without running anything: JSON-like, as resource schemas take it. */
export type Constant = string | number | boolean | readonly Constant[] | { readonly [key: string]: Constant };

/**
 * The value of a literal expression (`"0644"`, `-1`, `["a", 2]`, `{"k" => true}`), else
 * undefined: anything with a variable, a call, an operator or `${…}` is left to the
 * evaluator. A map with a repeated key is not a constant (that is an error of its own).
 */
export function constantOf(e: Expr): Constant | undefined {
  switch (e.type) {
    case 'str':
      return literalText(e);
    case 'num':
    case 'bool':
      return e.value;
    case 'list': {
      const items = e.items.map(constantOf);
      return items.every((i) => i !== undefined) ? (items as Constant[]) : undefined;
    }
    case 'map': {
      const entries: [string, Constant][] = [];
      for (const entry of e.entries) {
        const key = literalText(entry.key);
        const value = constantOf(entry.value);
        if (key === undefined || value === undefined || entries.some(([k]) => k === key)) return undefined;
        entries.push([key, value]);
      }
      // fromEntries defines own properties, so a key like `__proto__` stays plain data.
      return Object.fromEntries(entries);
    }
    default:
      return undefined;
  }
}
