import { createHash } from 'node:crypto';
import type { CanonicalRequest } from '../../canonical/index';

/**
 * Names and ids the Responses API limits (docs/protocols.md#to-openai-responses-and-codex): function names must match ^[A-Za-z0-9_-]{1,64}$ and call ids are at most 64 characters. The
 * request encoder rewrites longer or illegal values deterministically; the response and stream decoders
 * take the reverse name map (`OpenAIResponsesRestore`) to give the client its own tool names back.
 */
export const RESPONSES_NAME_LIMIT = 64;

/** Per-request state the upstream decoders need from the request encoder. */
export interface OpenAIResponsesRestore {
  /** Upstream (shortened) tool name -> the name the client used. Only rewritten names are listed. */
  toolNames: ReadonlyMap<string, string>;
}

export const emptyOpenAIResponsesRestore: OpenAIResponsesRestore = { toolNames: new Map() };

export function restoreToolName(restore: OpenAIResponsesRestore | undefined, name: string): string {
  return restore?.toolNames.get(name) ?? name;
}

/** Built from the same request the encoder got; encoder and decoders therefore agree on every name. */
export function buildOpenAIResponsesRestore(request: CanonicalRequest): OpenAIResponsesRestore {
  const toolNames = new Map<string, string>();
  for (const [original, short] of shortenToolNames(toolNamesOf(request))) {
    if (original !== short) toolNames.set(short, original);
  }
  return { toolNames };
}

/** Every tool name the request mentions, in order of first appearance. */
export function toolNamesOf(request: CanonicalRequest): string[] {
  const names = new Set<string>(request.tools.map((tool) => tool.name));
  if (request.toolChoice?.type === 'tool') names.add(request.toolChoice.name);
  for (const message of request.messages) {
    if (message.role !== 'assistant') continue;
    for (const part of message.content) if (part.type === 'tool-call') names.add(part.name);
  }
  return [...names];
}

/**
 * original -> upstream name. Legal names keep priority; an illegal character becomes '_'; a long
 * `mcp__server__tool` keeps `mcp__` + its last segment, anything else is cut at 64; a collision gets
 * `_1`, `_2`... within the limit.
 */
export function shortenToolNames(names: readonly string[]): Map<string, string> {
  const result = new Map<string, string>();
  const used = new Set<string>();
  for (const name of names) {
    if (isLegalName(name)) {
      result.set(name, name);
      used.add(name);
    }
  }
  for (const name of names) {
    if (result.has(name)) continue;
    const candidate = uniqueName(baseShortName(name), used);
    result.set(name, candidate);
    used.add(candidate);
  }
  return result;
}

function isLegalName(name: string): boolean {
  return name.length > 0 && name.length <= RESPONSES_NAME_LIMIT && /^[A-Za-z0-9_-]+$/.test(name);
}

function baseShortName(name: string): string {
  const clean = name.replace(/[^A-Za-z0-9_-]/g, '_') || 'tool';
  if (clean.length <= RESPONSES_NAME_LIMIT) return clean;
  if (clean.startsWith('mcp__')) {
    const last = clean.slice(clean.lastIndexOf('__') + 2);
    const candidate = `mcp__${last}`;
    if (last && candidate.length <= RESPONSES_NAME_LIMIT) return candidate;
  }
  return clean.slice(0, RESPONSES_NAME_LIMIT);
}

function uniqueName(base: string, used: ReadonlySet<string>): string {
  if (!used.has(base)) return base;
  for (let counter = 1; ; counter += 1) {
    const suffix = `_${counter}`;
    const candidate = base.slice(0, RESPONSES_NAME_LIMIT - suffix.length) + suffix;
    if (!used.has(candidate)) return candidate;
  }
}

/** Ids over 64 characters: first 47 characters + '_' + 16 hex of sha256(id) = 64, stable per id. */
export function shortenCallId(id: string): string {
  if (id.length <= RESPONSES_NAME_LIMIT) return id;
  const hash = createHash('sha256').update(id).digest('hex').slice(0, 16);
  return `${id.slice(0, RESPONSES_NAME_LIMIT - 17)}_${hash}`;
}
