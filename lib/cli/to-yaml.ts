// A YAML emitter for plain JSON data (what JSON.parse returns): block mappings and sequences,
// strings plain when unambiguous and double-quoted (JSON escapes are valid YAML) otherwise.

const PLAIN = /^[A-Za-z_/][A-Za-z0-9_./@+=-]*(:[A-Za-z0-9_./@+=-]+)*$/;
// Words YAML 1.1 or 1.2 parsers read as booleans or null. (A leading "." is always quoted: .5, .inf.)
const RESERVED = /^(true|false|yes|no|on|off|y|n|null|~)$/i;

function quoteIfNeeded(text: string): string {
  return PLAIN.test(text) && !RESERVED.test(text) ? text : JSON.stringify(text);
}

function scalar(value: unknown): string | undefined {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'string') return quoteIfNeeded(value);
  if (Array.isArray(value)) return value.length === 0 ? '[]' : undefined;
  if (typeof value === 'object') return Object.keys(value).length === 0 ? '{}' : undefined;
  return JSON.stringify(String(value));
}

function block(value: unknown, indent: string): string[] {
  const lines: string[] = [];
  if (Array.isArray(value)) {
    for (const item of value) {
      const inline = scalar(item);
      if (inline !== undefined) {
        lines.push(`${indent}- ${inline}`);
        continue;
      }
      // Render the item one level deeper, then hang its first line on the dash.
      const nested = block(item, `${indent}  `);
      lines.push(`${indent}- ${nested[0]!.slice(indent.length + 2)}`, ...nested.slice(1));
    }
    return lines;
  }
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    if (item === undefined) continue;
    const inline = scalar(item);
    if (inline !== undefined) lines.push(`${indent}${quoteIfNeeded(key)}: ${inline}`);
    else lines.push(`${indent}${quoteIfNeeded(key)}:`, ...block(item, `${indent}  `));
  }
  return lines;
}

export function toYaml(value: unknown): string {
  const inline = scalar(value);
  return (inline !== undefined ? inline : block(value, '').join('\n')) + '\n';
}
