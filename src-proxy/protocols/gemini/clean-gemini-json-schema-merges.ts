import { addHint, isSchemaNode, kindRank, schemaKind, type SchemaNode } from './gemini-schema-hints';

/**
 * The structural phases of the Gemini schema cleaner (docs/protocols.md#gemini-tool-schemas steps 2, 8, 9, 10): `$ref`, `if/then/else`,
 * `allOf` and `anyOf`/`oneOf` are rewritten into one plain node. They work on raw nodes; the caller
 * cleans the result afterwards.
 */

export interface RefContext {
  definitions: ReadonlyMap<string, unknown>;
  /** Definitions being inlined on the current path (cycle guard). */
  refStack: readonly string[];
}

/** `$defs` and `definitions` of the root, keyed by their local JSON pointer (`#/$defs/User`). */
export function collectDefinitions(root: SchemaNode): Map<string, unknown> {
  const definitions = new Map<string, unknown>();
  for (const key of ['$defs', 'definitions']) {
    const group = root[key];
    if (!isSchemaNode(group)) continue;
    for (const [name, value] of Object.entries(group)) definitions.set(`#/${key}/${name}`, value);
  }
  return definitions;
}

/**
 * Local references are inlined (a deliberate improvement over the original, which replaced every `$ref`
 * by an empty object and lost the structure). A cyclic, remote or unknown reference becomes
 * `{type: object}` with a `See: <Name>` hint. Sibling keywords of the `$ref` (description...) are kept.
 */
export function resolveRef(node: SchemaNode, context: RefContext): { node: SchemaNode; context: RefContext } {
  let current = node;
  let refStack = context.refStack;
  for (let guard = 0; typeof current['$ref'] === 'string' && guard < 32; guard += 1) {
    const ref = current['$ref'];
    const { $ref: _dropped, ...siblings } = current;
    const target = context.definitions.get(ref);
    if (!isSchemaNode(target) || refStack.includes(ref)) {
      const fallback: SchemaNode = { type: 'object', ...withoutType(siblings) };
      addHint(fallback, `See: ${ref.split('/').pop() ?? ref}`);
      return { node: fallback, context: { ...context, refStack } };
    }
    refStack = [...refStack, ref];
    const inlined = structuredClone(target);
    current = { ...inlined, ...siblings };
    if (isSchemaNode(inlined['properties']) && isSchemaNode(siblings['properties'])) {
      current['properties'] = { ...inlined['properties'], ...siblings['properties'] };
    }
  }
  return { node: current, context: { ...context, refStack } };
}

function withoutType(node: SchemaNode): SchemaNode {
  const { type: _type, ...rest } = node;
  return rest;
}

/** `allOf`: every branch merged into the node; `required` unioned, other keywords only fill gaps. */
export function mergeAllOf(node: SchemaNode, context: RefContext): SchemaNode {
  let current = node;
  for (let guard = 0; Array.isArray(current['allOf']) && guard < 16; guard += 1) {
    const { allOf, ...rest } = current;
    current = rest;
    for (const branch of allOf as unknown[]) {
      if (!isSchemaNode(branch)) continue;
      mergeInto(current, resolveRef(branch, context).node, { unionRequired: true });
    }
  }
  return current;
}

/** `if/then/else`: the conditional branches' properties join the node (never overwriting). */
export function mergeConditional(node: SchemaNode): SchemaNode {
  if (!('if' in node || 'then' in node || 'else' in node)) return node;
  const { if: _if, then: thenBranch, else: elseBranch, ...rest } = node;
  for (const branch of [thenBranch, elseBranch]) {
    if (!isSchemaNode(branch) || !isSchemaNode(branch['properties'])) continue;
    mergeInto(rest, { properties: branch['properties'] }, { unionRequired: false });
  }
  return rest;
}

function mergeInto(target: SchemaNode, source: SchemaNode, options: { unionRequired: boolean }): void {
  for (const [key, value] of Object.entries(source)) {
    if (key === 'properties' && isSchemaNode(value)) {
      const properties = isSchemaNode(target['properties']) ? target['properties'] : {};
      for (const [name, schema] of Object.entries(value)) if (!(name in properties)) properties[name] = schema;
      target['properties'] = properties;
    } else if (key === 'required' && Array.isArray(value)) {
      if (!options.unionRequired) continue;
      const required = Array.isArray(target['required']) ? (target['required'] as unknown[]) : [];
      for (const name of value) if (!required.includes(name)) required.push(name);
      target['required'] = required;
    } else if (!(key in target)) {
      target[key] = value;
    }
  }
}

/**
 * `anyOf`/`oneOf`: Gemini function schemas take one shape, so the best branch wins (object > array >
 * scalar > null). A null branch makes the result nullable; the alternatives are kept as an
 * `Accepts: a | b` hint and the branch description joins the parent's as `parent (branch)`.
 */
export function collapseUnion(node: SchemaNode, context: RefContext): { node: SchemaNode; nullable: boolean } {
  const key = Array.isArray(node['anyOf']) ? 'anyOf' : Array.isArray(node['oneOf']) ? 'oneOf' : undefined;
  if (!key) return { node, nullable: false };
  const { anyOf: _anyOf, oneOf: _oneOf, ...parent } = node;
  const branches = (node[key] as unknown[]).filter(isSchemaNode).map((branch) => resolveRef(branch, context).node);
  const kinds = branches.map(schemaKind);
  // Constraint-only branches (`anyOf: [{required: [a]}, {required: [b]}]`) describe no shape: drop them.
  if (kinds.every((kind) => kind === 'any')) return { node: parent, nullable: false };
  const nullable = kinds.includes('null');
  let best = -1;
  kinds.forEach((kind, index) => {
    if (best === -1 || kindRank(kind) > kindRank(kinds[best] ?? 'null')) best = index;
  });
  const chosen = branches[best];
  if (!chosen || kinds[best] === 'null') return { node: { ...parent, type: parent['type'] ?? 'string' }, nullable };
  const { description: branchDescription, ...branchRest } = chosen;
  const merged: SchemaNode = { ...parent, ...branchRest };
  if (typeof parent['description'] !== 'string' && typeof branchDescription === 'string') merged['description'] = branchDescription;
  else if (typeof branchDescription === 'string') addHint(merged, branchDescription);
  const distinct = [...new Set(kinds)];
  if (distinct.length > 1) addHint(merged, `Accepts: ${distinct.join(' | ')}`);
  return { node: merged, nullable };
}
