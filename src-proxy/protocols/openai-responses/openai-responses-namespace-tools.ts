import { createHash } from 'node:crypto';
import { RESPONSES_NAME_LIMIT } from './openai-responses-names';

/**
 * Namespace tools: `{type: "namespace", name, description, tools: [{type: "function", name, ...}]}`, a
 * group of ordinary client-side function tools. Codex CLI declares its multi-agent tools this way
 * (`multi_agent_v1`) and every MCP server (`mcp__<server>`); the model calls one with a `function_call`
 * item that carries the inner `name` plus `namespace`, and Codex looks the tool up by that pair
 * (openai/codex codex-rs/core/src/tools/router.rs `build_tool_call`: `ToolName::new(namespace, name)`).
 *
 * The hub has flat tools only, so a namespaced tool travels under one name every vendor accepts
 * (`[A-Za-z0-9_-]`, at most 64): `<namespace>__<name>`, the flat form Codex itself uses where a boundary
 * cannot keep the split (codex-rs/protocol/src/tool_name.rs `canonical_flat_name`: trailing `_` of the
 * namespace and leading `_` of the name trimmed, so `mcp__server__` + `tool` is `mcp__server__tool`).
 * A name with other characters or over 64 is cut to 55 characters + `_` + 8 hex of sha256(namespace,
 * name). The request decoder and the client encoders build the same map from the same client body
 * (`namespacedToolNamesOf`), so calls go back to Codex as `{name: <inner>, namespace}`.
 */
export interface NamespacedToolName {
  namespace: string;
  name: string;
}

export interface NamespacedToolNames {
  /** Flat canonical name -> the client's namespace and inner name. */
  toClient: ReadonlyMap<string, NamespacedToolName>;
  /** `pairKey(namespace, name)` -> flat canonical name. */
  toFlat: ReadonlyMap<string, string>;
}

const HASH_LENGTH = 8;

/** The flat name of a namespaced tool when nothing else in the request claims it. */
export function flattenNamespacedToolName(namespace: string, name: string): string {
  const joined = joinedName(namespace, name);
  return isLegal(joined) ? joined : hashedName(namespace, name);
}

/**
 * The flat names of every namespaced tool of a client's Responses body, deterministic for one body.
 * Plain function and custom tool names are taken first; a namespaced tool whose flat name is taken
 * gets the hashed form (a counter on top only if even that collides).
 */
export function namespacedToolNamesOf(body: unknown): NamespacedToolNames {
  const toClient = new Map<string, NamespacedToolName>();
  const toFlat = new Map<string, string>();
  const tools = toolsOf(body);
  const used = new Set<string>();
  for (const tool of tools) if (tool['type'] !== 'namespace' && typeof tool['name'] === 'string') used.add(tool['name']);
  for (const { namespace, name } of namespacedFunctions(tools)) {
    const key = pairKey(namespace, name);
    if (toFlat.has(key)) continue;
    const flat = uniqueName([flattenNamespacedToolName(namespace, name), hashedName(namespace, name)], used);
    used.add(flat);
    toClient.set(flat, { namespace, name });
    toFlat.set(key, flat);
  }
  return { toClient, toFlat };
}

/** The canonical name of `namespace`/`name`: from the body's map, else the plain flat form (history of tools no longer offered). */
export function namespacedToolName(names: NamespacedToolNames | undefined, namespace: string, name: string): string {
  return names?.toFlat.get(pairKey(namespace, name)) ?? flattenNamespacedToolName(namespace, name);
}

/** The name a client knows a canonical tool name by (the inner name of a namespaced tool). */
export function clientToolName(names: NamespacedToolNames | undefined, name: string): string {
  return names?.toClient.get(name)?.name ?? name;
}

function pairKey(namespace: string, name: string): string {
  return `${namespace}\u0000${name}`;
}

function isLegal(name: string): boolean {
  return name.length <= RESPONSES_NAME_LIMIT && /^[A-Za-z0-9_-]+$/.test(name);
}

function joinedName(namespace: string, name: string): string {
  return `${namespace.replace(/_+$/, '') || namespace}__${name.replace(/^_+/, '') || name}`;
}

/** The joined name cut to 55 characters (illegal characters -> `_`) + `_` + 8 hex of sha256 of the exact pair. */
function hashedName(namespace: string, name: string): string {
  const hash = createHash('sha256').update(pairKey(namespace, name)).digest('hex').slice(0, HASH_LENGTH);
  const clean = joinedName(namespace, name).replace(/[^A-Za-z0-9_-]/g, '_');
  return `${clean.slice(0, RESPONSES_NAME_LIMIT - HASH_LENGTH - 1)}_${hash}`;
}

function uniqueName(candidates: readonly string[], used: ReadonlySet<string>): string {
  const free = candidates.find((candidate) => !used.has(candidate));
  if (free !== undefined) return free;
  const base = candidates[candidates.length - 1] ?? 'tool';
  for (let counter = 2; ; counter += 1) {
    const suffix = `_${counter}`;
    const candidate = base.slice(0, RESPONSES_NAME_LIMIT - suffix.length) + suffix;
    if (!used.has(candidate)) return candidate;
  }
}

function toolsOf(body: unknown): Array<Record<string, unknown>> {
  const tools = typeof body === 'object' && body !== null ? (body as { tools?: unknown }).tools : undefined;
  if (!Array.isArray(tools)) return [];
  return tools.filter((tool): tool is Record<string, unknown> => typeof tool === 'object' && tool !== null);
}

/** The function tools inside the namespace tools, in declaration order (malformed entries skipped). */
function namespacedFunctions(tools: ReadonlyArray<Record<string, unknown>>): NamespacedToolName[] {
  const result: NamespacedToolName[] = [];
  for (const tool of tools) {
    const { type, name: namespace, tools: members } = tool;
    if (type !== 'namespace' || typeof namespace !== 'string' || namespace === '' || !Array.isArray(members)) continue;
    for (const member of members as unknown[]) {
      if (typeof member !== 'object' || member === null) continue;
      const { type: memberType, name } = member as Record<string, unknown>;
      if (memberType === 'function' && typeof name === 'string' && name !== '') result.push({ namespace, name });
    }
  }
  return result;
}
