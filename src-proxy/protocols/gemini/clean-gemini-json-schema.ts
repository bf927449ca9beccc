import { collapseUnion, collectDefinitions, mergeAllOf, mergeConditional, resolveRef, type RefContext } from './clean-gemini-json-schema-merges';
import { addHint, hintValue, isSchemaNode, type SchemaNode } from './gemini-schema-hints';

/**
 * Makes a client's JSON Schema acceptable as a Gemini `parametersJsonSchema` (docs/protocols.md#gemini-tool-schemas;
 * the supported subset is listed in the Gemini API function-calling docs). Works on one schema, never on a
 * whole request; keys inside `properties` are parameter names and are never treated as keywords.
 * What Gemini cannot express is not silently lost: it becomes a hint in the node's description.
 *
 * Phases per node: repair bare property maps, inline `$ref`, merge `allOf` / `if-then-else`, collapse
 * `anyOf`/`oneOf`, flatten `type: [..]`, `const`/`enum`, constraint hints, children, keyword removal,
 * `required` pruning.
 */
export function cleanGeminiJsonSchema(schema: unknown): Record<string, unknown> {
  if (!isSchemaNode(schema)) return { type: 'object', properties: {} };
  const root = structuredClone(schema);
  const context: RefContext = { definitions: collectDefinitions(root), refStack: [] };
  return cleanNode(root, context).node;
}

/** Scalar constraints Gemini rejects or ignores: kept as `<key>: <value>` hints (docs/protocols.md#gemini-tool-schemas step 7). */
const hintedConstraints = [
  'minLength',
  'maxLength',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'pattern',
  'minItems',
  'maxItems',
  'uniqueItems',
  'format',
  'default',
  'examples',
];

/** Keywords removed after their information was turned into hints (docs/protocols.md#gemini-tool-schemas steps 12-13). */
const removedKeywords = new Set([
  ...hintedConstraints,
  '$schema',
  '$defs',
  'definitions',
  'const',
  '$ref',
  '$id',
  'additionalProperties',
  'propertyNames',
  'patternProperties',
  'if',
  'then',
  'else',
  '$comment',
  'enumDescriptions',
  'enumTitles',
  'prefill',
  'deprecated',
  'encrypted',
  'nullable',
  'title',
  'strict',
]);

/** Keywords that make a node a schema (as opposed to a bare `{name: schema}` property map). */
const schemaKeywords = new Set([
  ...removedKeywords,
  'type',
  'properties',
  'items',
  'prefixItems',
  'required',
  'description',
  'enum',
  'anyOf',
  'oneOf',
  'allOf',
  'not',
  'minimum',
  'maximum',
  'multipleOf',
  'minProperties',
  'maxProperties',
  'propertyOrdering',
]);

const placeholderReason = 'Brief explanation of why you are calling this tool';

interface Cleaned {
  node: SchemaNode;
  /** The value may be null: the parent drops it from `required`. */
  nullable: boolean;
}

function cleanNode(input: SchemaNode, parentContext: RefContext): Cleaned {
  const resolved = resolveRef(repairPropertyMap(input), parentContext);
  const context = resolved.context;
  const union = collapseUnion(mergeConditional(mergeAllOf(resolved.node, context)), context);
  const node = union.node;
  if (node['type'] === undefined && isSchemaNode(node['properties'])) node['type'] = 'object';
  const typeNullable = flattenTypeArray(node) || node['nullable'] === true;
  if (typeNullable) addHint(node, '(nullable)');
  normalizeEnum(node);
  addConstraintHints(node);
  cleanChildren(node, context);
  for (const key of Object.keys(node)) if (removedKeywords.has(key) || key.startsWith('x-')) delete node[key];
  removePlaceholders(node);
  pruneRequired(node);
  return { node, nullable: union.nullable || typeNullable };
}

/**
 * MCP servers sometimes send `{path: {type: string}}` (no `type`/`properties` wrapper) or put the
 * properties directly on an object node; both become a proper object schema (docs/protocols.md#gemini-tool-schemas step 1).
 */
function repairPropertyMap(node: SchemaNode): SchemaNode {
  const unknownKeys = Object.keys(node).filter((key) => !schemaKeywords.has(key) && !key.startsWith('x-'));
  if (unknownKeys.length === 0 || !unknownKeys.every((key) => isSchemaNode(node[key]))) return node;
  const hasKeywords = unknownKeys.length < Object.keys(node).length;
  const isObjectNode = typeof node['type'] === 'string' && node['type'].toLowerCase() === 'object';
  if (hasKeywords && !(isObjectNode && !isSchemaNode(node['properties']))) return node;
  const repaired: SchemaNode = { type: 'object' };
  const properties: SchemaNode = {};
  for (const [key, value] of Object.entries(node)) {
    if (unknownKeys.includes(key)) properties[key] = value;
    else if (key !== 'type') repaired[key] = value;
  }
  repaired['properties'] = properties;
  return repaired;
}

/** `type: ['string', 'null']` -> `type: 'string'`; returns whether null was allowed (docs/protocols.md#gemini-tool-schemas step 11). */
function flattenTypeArray(node: SchemaNode): boolean {
  const type = node['type'];
  if (typeof type === 'string') {
    node['type'] = type.toLowerCase();
    return false;
  }
  if (!Array.isArray(type)) return false;
  const names = type.filter((entry): entry is string => typeof entry === 'string').map((entry) => entry.toLowerCase());
  const nonNull = names.filter((name) => name !== 'null');
  node['type'] = nonNull[0] ?? 'string';
  if (nonNull.length > 1) addHint(node, `Accepts: ${nonNull.join(' | ')}`);
  return names.includes('null');
}

/** `const` -> one-value enum; enum values become strings and the node a string (docs/protocols.md#gemini-tool-schemas steps 3-5). */
function normalizeEnum(node: SchemaNode): void {
  if (node['const'] !== undefined && !Array.isArray(node['enum'])) node['enum'] = [node['const']];
  const values = node['enum'];
  if (!Array.isArray(values)) return;
  const strings = values.map((value) => (typeof value === 'string' ? value : JSON.stringify(value)));
  node['enum'] = strings;
  node['type'] = 'string';
  if (strings.length >= 2 && strings.length <= 10) addHint(node, `Allowed: ${strings.join(', ')}`);
}

function addConstraintHints(node: SchemaNode): void {
  if (node['additionalProperties'] === false) addHint(node, 'No extra properties allowed');
  for (const key of hintedConstraints) {
    if (node[key] !== undefined) addHint(node, `${key}: ${hintValue(node[key])}`);
  }
}

function cleanChildren(node: SchemaNode, context: RefContext): void {
  const properties = node['properties'];
  if (isSchemaNode(properties)) cleanProperties(node, properties, context);
  const items = node['items'];
  if (Array.isArray(items)) {
    const first = items.find(isSchemaNode);
    if (first) node['items'] = cleanNode(first, context).node;
    else delete node['items'];
  } else if (isSchemaNode(items)) {
    node['items'] = cleanNode(items, context).node;
  }
  if (Array.isArray(node['prefixItems'])) {
    node['prefixItems'] = node['prefixItems'].filter(isSchemaNode).map((item) => cleanNode(item, context).node);
  }
  if (isSchemaNode(node['not'])) delete node['not'];
}

function cleanProperties(node: SchemaNode, properties: SchemaNode, context: RefContext): void {
  const required = new Set(Array.isArray(node['required']) ? node['required'].filter((name) => typeof name === 'string') : []);
  for (const [name, value] of Object.entries(properties)) {
    if (!isSchemaNode(value)) {
      // `true` means "anything" in JSON Schema; Gemini needs a type.
      properties[name] = { type: 'string' };
      continue;
    }
    // Draft-03 style `required: true` on the property itself (docs/protocols.md#gemini-tool-schemas step 1).
    if (typeof value['required'] === 'boolean') {
      if (value['required']) required.add(name);
      delete value['required'];
    }
    const cleaned = cleanNode(value, context);
    properties[name] = cleaned.node;
    if (cleaned.nullable) required.delete(name);
  }
  if (required.size > 0 || Array.isArray(node['required'])) node['required'] = [...required];
}

/** Placeholder properties other proxies add for Claude are noise for Gemini (docs/protocols.md#gemini-tool-schemas step 13). */
function removePlaceholders(node: SchemaNode): void {
  const properties = node['properties'];
  if (!isSchemaNode(properties)) return;
  delete properties['_'];
  const names = Object.keys(properties);
  const reason = properties['reason'];
  if (names.length === 1 && isSchemaNode(reason) && reason['description'] === placeholderReason) delete properties['reason'];
}

/** `required` may only name existing properties; an empty list is removed (docs/protocols.md#gemini-tool-schemas step 14). */
function pruneRequired(node: SchemaNode): void {
  if (!Array.isArray(node['required'])) return;
  const properties = isSchemaNode(node['properties']) ? node['properties'] : {};
  const kept = node['required'].filter((name): name is string => typeof name === 'string' && name in properties);
  if (kept.length > 0) node['required'] = kept;
  else delete node['required'];
}
