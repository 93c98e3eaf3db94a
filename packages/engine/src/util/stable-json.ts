/**
 * JSON with sorted keys, leaving out keys whose value is undefined (as JSON.stringify does):
 * two equal param objects or snapshots give one string, whatever their key order. Graph
 * diffs, the worlds and the agent compare with it, so all of them agree on what "equal" is.
 */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
