import type { z } from 'zod';
import { ProxyError } from '../../errors/proxy-error';

/**
 * Validates a client body against its protocol schema. The message names each bad field and what was
 * expected, so a person can fix the request; the route turns it into the protocol's error format.
 */
export function parseClientBody<Schema extends z.ZodType>(schema: Schema, body: unknown): z.infer<Schema> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ProxyError({ code: 'PX_INVALID_REQUEST', message: 'The request body must be a JSON object.', httpStatus: 400 });
  }
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`);
  const first = parsed.error.issues[0]?.path[0];
  throw new ProxyError({
    code: 'PX_INVALID_REQUEST',
    message: `Invalid request: ${problems.join('; ')}`,
    httpStatus: 400,
    ...(typeof first === 'string' ? { details: { param: first } } : {}),
  });
}
