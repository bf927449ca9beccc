import type { z } from 'zod';
import type { TranslationWarning } from '../../canonical/index';
import { ProxyError } from '../../errors/proxy-error';

/** What the request decoder accumulates: every bad field (reported together) and every dropped field. */
export interface DecodeScope {
  issues: string[];
  warnings: TranslationWarning[];
  /** tool_use id -> tool name, so a later tool_result can carry the name (Gemini needs it). */
  toolNames: Map<string, string>;
}

export function createDecodeScope(): DecodeScope {
  return { issues: [], warnings: [], toolNames: new Map() };
}

/** `['messages', 0, 'content', 1]` -> `messages[0].content[1]`. */
export function formatFieldPath(path: ReadonlyArray<PropertyKey>): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text === '' ? String(key) : `.${String(key)}`;
  }
  return text;
}

export function joinFieldPath(prefix: string, path: ReadonlyArray<PropertyKey>): string {
  const rest = formatFieldPath(path);
  if (prefix === '') return rest;
  if (rest === '') return prefix;
  return rest.startsWith('[') ? `${prefix}${rest}` : `${prefix}.${rest}`;
}

export function addZodIssues(scope: DecodeScope, prefix: string, error: z.ZodError): void {
  for (const issue of error.issues) {
    const field = joinFieldPath(prefix, issue.path);
    scope.issues.push(field === '' ? issue.message : `${field}: ${issue.message}`);
  }
}

/** Validates one value against its schema; on failure records the issues under `path`. */
export function parseAt<T>(schema: z.ZodType<T>, value: unknown, path: string, scope: DecodeScope): T | undefined {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  addZodIssues(scope, path, result.error);
  return undefined;
}

export function warn(scope: DecodeScope, field: string, message: string): void {
  scope.warnings.push({ field, message });
}

export function invalidRequestError(issues: readonly string[]): ProxyError {
  return new ProxyError({
    code: 'PX_INVALID_REQUEST',
    httpStatus: 400,
    message: `Invalid Anthropic Messages request: ${issues.join('; ')}`,
    details: { issues: [...issues] },
  });
}
