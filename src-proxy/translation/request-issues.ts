/**
 * Inbound request validation shared by the protocol decoders: every bad field is collected so one 400
 * names them all, each with its path in the client's own field syntax.
 */
import type { z } from 'zod';
import { ProxyError } from '../errors/proxy-error';

export type IssuePath = ReadonlyArray<PropertyKey>;

/** One problem with an inbound request, collected so that a 400 names every bad field at once. */
export interface RequestIssue {
  path: IssuePath;
  message: string;
}

/** `['messages', 2, 'content', 0]` -> `messages[2].content[0]` (the form OpenAI's `param` uses). */
export function formatIssuePath(path: IssuePath): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text === '' ? String(key) : `.${String(key)}`;
  }
  return text || '(body)';
}

export function issuesFromZod(error: z.ZodError, prefix: IssuePath = []): RequestIssue[] {
  return error.issues.map((issue) => ({ path: [...prefix, ...issue.path], message: issue.message }));
}

/** Parses `value` at `path`; on failure records the issues and returns undefined. */
export function parseAt<Schema extends z.ZodType>(schema: Schema, value: unknown, path: IssuePath, issues: RequestIssue[]): z.infer<Schema> | undefined {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  issues.push(...issuesFromZod(parsed.error, path));
  return undefined;
}

/** PX_INVALID_REQUEST naming every bad field; `details.param` is the first one, as OpenAI's `param`. */
export function invalidRequestError(issues: readonly RequestIssue[]): ProxyError {
  const problems = issues.map((issue) => `${formatIssuePath(issue.path)}: ${issue.message}`);
  const first = issues[0];
  return new ProxyError({
    code: 'PX_INVALID_REQUEST',
    httpStatus: 400,
    message: `Invalid request: ${problems.join('; ')}`,
    ...(first ? { details: { param: formatIssuePath(first.path) } } : {}),
  });
}
