/** Small shared helpers of the Gemini schema cleaner. */

export type SchemaNode = Record<string, unknown>;

export function isSchemaNode(value: unknown): value is SchemaNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Appends `hint` to the node's description as `existing (hint)`, or sets it when there is none.
 * Idempotent: a hint already present is not added twice (cleaning a cleaned schema changes nothing).
 */
export function addHint(node: SchemaNode, hint: string): void {
  if (hint === '') return;
  const existing = typeof node['description'] === 'string' ? node['description'] : '';
  if (existing === '') {
    node['description'] = hint;
    return;
  }
  if (existing === hint || existing.includes(`(${hint})`)) return;
  node['description'] = `${existing} (${hint})`;
}

/** How a value is shown inside a hint: strings bare, everything else as JSON. */
export function hintValue(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The JSON type a (raw) schema node describes, for union selection and `Accepts:` hints. */
export function schemaKind(node: SchemaNode): string {
  const type = node['type'];
  if (typeof type === 'string') return type.toLowerCase();
  if (Array.isArray(type)) {
    const first = type.find((entry) => typeof entry === 'string' && entry.toLowerCase() !== 'null');
    return typeof first === 'string' ? first.toLowerCase() : 'null';
  }
  if (isSchemaNode(node['properties'])) return 'object';
  if (node['items'] !== undefined) return 'array';
  if (Array.isArray(node['enum']) || node['const'] !== undefined) return 'string';
  return 'any';
}

/** Union branch preference of docs/protocols.md#gemini-tool-schemas step 10: object > array > other non-null scalar > null. */
export function kindRank(kind: string): number {
  if (kind === 'object') return 3;
  if (kind === 'array') return 2;
  if (kind === 'null') return 0;
  return 1;
}
