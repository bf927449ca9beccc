import type { z } from 'zod';
import { ProxyError } from '../../errors/proxy-error';

/** One problem with an inbound request; all of them are collected so a 400 names every bad field. */
export interface GeminiRequestIssue {
  path: ReadonlyArray<PropertyKey>;
  message: string;
}

/** `['contents', 2, 'parts', 0, 'text']` -> `contents[2].parts[0].text`. */
export function formatGeminiIssuePath(path: ReadonlyArray<PropertyKey>): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text === '' ? String(key) : `.${String(key)}`;
  }
  return text || '(body)';
}

export function geminiIssuesFromZod(error: z.ZodError): GeminiRequestIssue[] {
  return error.issues.map((issue) => ({ path: issue.path, message: issue.message }));
}

/** PX_INVALID_REQUEST whose message lists every bad field (Google's own 400s name the field the same way). */
export function geminiInvalidRequest(issues: readonly GeminiRequestIssue[]): ProxyError {
  const problems = issues.map((issue) => `${formatGeminiIssuePath(issue.path)}: ${issue.message}`);
  const first = issues[0];
  return new ProxyError({
    code: 'PX_INVALID_REQUEST',
    httpStatus: 400,
    message: `Invalid request: ${problems.join('; ')}`,
    ...(first ? { details: { param: formatGeminiIssuePath(first.path) } } : {}),
  });
}

/**
 * Keys whose values are user data (function arguments, Struct responses, JSON schemas whose `properties`
 * keys are parameter names): their insides are never renamed.
 */
const opaqueKeys = new Set([
  'args',
  'response',
  'parameters',
  'parametersJsonSchema',
  'responseSchema',
  'responseJsonSchema',
  'partMetadata',
  'labels',
]);

/**
 * Google's JSON parser accepts both the camelCase (`inlineData`) and the snake_case proto field names
 * (`inline_data`) for every field, and clients use both. Everything is read in camelCase; when both
 * spellings are present the camelCase one wins.
 */
export function camelizeGeminiKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => camelizeGeminiKeys(item));
  if (typeof value !== 'object' || value === null) return value;
  const result: Record<string, unknown> = {};
  const entries = Object.entries(value as Record<string, unknown>);
  for (const [key, inner] of entries) {
    const camel = toCamelCase(key);
    if (camel !== key && Object.prototype.hasOwnProperty.call(value, camel)) continue;
    result[camel] = opaqueKeys.has(camel) ? inner : camelizeGeminiKeys(inner);
  }
  return result;
}

function toCamelCase(key: string): string {
  if (!key.includes('_') || key.startsWith('_')) return key;
  return key.replace(/_([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
}
