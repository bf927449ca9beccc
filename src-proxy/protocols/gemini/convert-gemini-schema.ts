/**
 * Gemini's own `Schema` object (the OpenAPI 3.0 subset of https://ai.google.dev/api/caching#Schema, used by
 * `functionDeclarations[].parameters` and `generationConfig.responseSchema`) -> JSON Schema, which is what
 * the canonical model carries: upper-case types (`OBJECT`) become lower-case, `nullable: true` becomes a
 * `null` member of `type`, `example` becomes `examples`, and `propertyOrdering` (Gemini-only) goes.
 */
export function convertGeminiSchema(schema: unknown): Record<string, unknown> {
  const converted = convertNode(schema);
  return isRecord(converted) ? converted : {};
}

function convertNode(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(convertNode);
  if (!isRecord(node)) return node;
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'properties' && isRecord(value)) {
      result[key] = Object.fromEntries(Object.entries(value).map(([name, inner]) => [name, convertNode(inner)]));
    } else if (key === 'items' || key === 'anyOf' || key === 'oneOf' || key === 'allOf' || key === 'not' || key === 'additionalProperties') {
      result[key] = convertNode(value);
    } else if (key === 'type' && typeof value === 'string') {
      if (value !== 'TYPE_UNSPECIFIED') result[key] = value.toLowerCase();
    } else if (key === 'example') {
      result['examples'] = [value];
    } else if (key !== 'nullable' && key !== 'propertyOrdering') {
      result[key] = value;
    }
  }
  if (node['nullable'] === true && typeof result['type'] === 'string') result['type'] = [result['type'], 'null'];
  return result;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
