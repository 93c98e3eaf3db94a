import { z, type AnyResource } from '@mgmt/resource';
import { EXIT_INVALID, EXIT_OK } from '../exit-codes.js';
import { loadRegistry } from '../plugins.js';
import { capabilityNames } from '../plugins/capability-names.js';

interface JsonSchema {
  type?: string | string[];
  description?: string;
  default?: unknown;
  enum?: unknown[];
  pattern?: string;
  items?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
  anyOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
}

/** A JSON Schema type in the words `.mcl` users know: `str`, `[str]`, `{str: str}`, `"a" | "b"`. */
function typeText(s: JsonSchema): string {
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(' | ');
  if (s.anyOf) return s.anyOf.map(typeText).join(' | ');
  switch (s.type) {
    case 'string':
      return 'str';
    case 'number':
      return 'float';
    case 'integer':
      return 'int';
    case 'boolean':
      return 'bool';
    case 'array':
      return `[${s.items ? typeText(s.items) : 'any'}]`;
    case 'object':
      return typeof s.additionalProperties === 'object' ? `{str: ${typeText(s.additionalProperties)}}` : 'map';
    default:
      return Array.isArray(s.type) ? s.type.join(' | ') : 'any';
  }
}

/** The reference page of one kind, generated from its metadata and param schema. */
export function kindDocs(def: AnyResource, plugin: string): string {
  const schema = z.toJSONSchema(def.params, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const required = new Set(schema.required ?? []);
  const lines = [`${def.kind} — ${def.meta.description}`, `plugin: ${plugin}`, ''];
  if (def.meta.docs) lines.push(def.meta.docs, '');
  lines.push('params:');
  for (const [name, p] of Object.entries(schema.properties ?? {})) {
    const notes = [required.has(name) ? 'required' : undefined, p.default !== undefined ? `default ${JSON.stringify(p.default)}` : undefined, p.pattern ? `matches /${p.pattern}/` : undefined].filter(Boolean);
    lines.push(`  ${name}: ${typeText(p)}${notes.length ? ` (${notes.join(', ')})` : ''}`);
    if (p.description) lines.push(`      ${p.description}`);
  }
  if (def.sends) {
    // What send/recv edges can take from it: `Kind["n"].FIELD -> Other["m"].param`.
    const sends = z.toJSONSchema(def.sends, { io: 'output', unrepresentable: 'any' }) as JsonSchema;
    lines.push('', 'sends (for send/recv edges):');
    for (const [name, p] of Object.entries(sends.properties ?? {})) {
      lines.push(`  ${name}: ${typeText(p)}`);
      if (p.description) lines.push(`      ${p.description}`);
    }
  }
  lines.push('', `capabilities: ${capabilityNames(def).join(', ')}`);
  return lines.join('\n') + '\n';
}

/** `mgmt docs [KIND]`: one kind's reference, or the list of kinds. */
export async function docsCommand(kind: string | undefined): Promise<number> {
  const registry = await loadRegistry();
  if (!kind) {
    for (const k of registry.kinds()) {
      const r = registry.get(k)!;
      process.stdout.write(`${k.padEnd(12)} ${r.definition.meta.description} (${r.plugin.name})\n`);
    }
    return EXIT_OK;
  }
  const found = registry.get(kind);
  if (!found) {
    process.stderr.write(`error: no plugin provides kind \`${kind}\`; installed kinds: ${registry.kinds().join(', ')}\n`);
    return EXIT_INVALID;
  }
  process.stdout.write(kindDocs(found.definition, found.plugin.name));
  return EXIT_OK;
}
