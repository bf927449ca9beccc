import type { CanonicalRequest } from '../../canonical/index';

/**
 * Gemini function names must match `^[A-Za-z_][A-Za-z0-9_.:-]{0,63}$` (FunctionDeclaration.name in the
 * Gemini API reference; docs/protocols.md#to-gemini). Clients use names Gemini rejects (`mcp/fs read`, `1st-tool`),
 * so the request encoder renames them and the response decoders rename them back with this map.
 */
export interface GeminiToolNameMap {
  /** Client name -> the name sent to Gemini. */
  toGemini(name: string): string;
  /** Name Gemini answered with -> the client's original name (unknown names are returned unchanged). */
  fromGemini(name: string): string;
  /** The renamed entries only (client name -> Gemini name), for logs and tests. */
  renamed(): Record<string, string>;
}

const maxLength = 64;

export function sanitizeGeminiFunctionName(name: string): string {
  let safe = name.replace(/[^A-Za-z0-9_.:-]/g, '_');
  if (!/^[A-Za-z_]/.test(safe)) safe = `_${safe}`;
  return safe.slice(0, maxLength);
}

/**
 * Deterministic for a given request (the encoder and the response decoders build the same map): names
 * are taken in order from the tool definitions, then tool calls and tool results of the history.
 * Two client names that sanitise to the same Gemini name are told apart with a `_2`, `_3`... suffix.
 */
export function buildGeminiToolNameMap(request: CanonicalRequest): GeminiToolNameMap {
  const toGemini = new Map<string, string>();
  const fromGemini = new Map<string, string>();
  for (const name of collectToolNames(request)) {
    if (toGemini.has(name)) continue;
    const geminiName = uniqueName(sanitizeGeminiFunctionName(name), fromGemini);
    toGemini.set(name, geminiName);
    fromGemini.set(geminiName, name);
  }
  return {
    toGemini: (name) => toGemini.get(name) ?? sanitizeGeminiFunctionName(name),
    fromGemini: (name) => fromGemini.get(name) ?? name,
    renamed: () => Object.fromEntries([...toGemini].filter(([original, renamed]) => original !== renamed)),
  };
}

/** The identity map, for callers that have no request (names pass through unchanged). */
export const identityGeminiToolNameMap: GeminiToolNameMap = {
  toGemini: (name) => name,
  fromGemini: (name) => name,
  renamed: () => ({}),
};

/** The map back from an opaque per-request `restore` value (identity when it is not a map). */
export function geminiToolNamesFromRestore(restore: unknown): GeminiToolNameMap {
  const candidate = restore as Partial<GeminiToolNameMap> | null | undefined;
  const isMap = typeof candidate?.toGemini === 'function' && typeof candidate.fromGemini === 'function' && typeof candidate.renamed === 'function';
  return isMap ? (candidate as GeminiToolNameMap) : identityGeminiToolNameMap;
}

function uniqueName(candidate: string, taken: ReadonlyMap<string, string>): string {
  if (!taken.has(candidate)) return candidate;
  for (let counter = 2; ; counter += 1) {
    const suffix = `_${counter}`;
    const name = `${candidate.slice(0, maxLength - suffix.length)}${suffix}`;
    if (!taken.has(name)) return name;
  }
}

function collectToolNames(request: CanonicalRequest): string[] {
  const names = request.tools.map((tool) => tool.name);
  if (request.toolChoice?.type === 'tool') names.push(request.toolChoice.name);
  for (const message of request.messages) {
    if (message.role === 'assistant') {
      for (const part of message.content) if (part.type === 'tool-call') names.push(part.name);
    } else if (message.role === 'tool') {
      for (const part of message.content) if (part.name !== undefined) names.push(part.name);
    }
  }
  return names;
}
