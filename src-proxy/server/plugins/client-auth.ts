import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { ProxyError } from '../../errors/proxy-error';

/**
 * Client-key check for inference routes (spec 2.2). Sources, first present wins: `Authorization: Bearer`,
 * `x-goog-api-key`, `x-api-key`, `?key=`, `?auth_token=`. An empty `api-keys` list means no auth (the
 * engine refuses to bind a non-loopback host in that case unless told to allow it).
 */
export function checkClientKey(request: FastifyRequest, apiKeys: ReadonlySet<string>): void {
  if (apiKeys.size === 0) return;
  const presented = presentedKey(request);
  if (!presented) {
    throw new ProxyError({ code: 'PX_AUTH_REQUIRED', message: 'Missing API key. Send it as Authorization: Bearer <key>.', httpStatus: 401 });
  }
  if (!matchesAny(presented, apiKeys)) {
    throw new ProxyError({ code: 'PX_AUTH_INVALID', message: 'Invalid API key.', httpStatus: 401 });
  }
}

function presentedKey(request: FastifyRequest): string | undefined {
  const authorization = request.headers.authorization;
  if (authorization) {
    const match = /^Bearer\s+(.+)$/i.exec(authorization);
    return (match?.[1] ?? authorization).trim();
  }
  const headerKey = firstHeader(request.headers['x-goog-api-key']) ?? firstHeader(request.headers['x-api-key']);
  if (headerKey) return headerKey.trim();
  const query = request.query as Record<string, unknown> | undefined;
  const fromQuery = query?.key ?? query?.auth_token;
  return typeof fromQuery === 'string' && fromQuery ? fromQuery : undefined;
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Compares digests in constant time so response timing does not reveal how much of a key matched. */
function matchesAny(presented: string, apiKeys: ReadonlySet<string>): boolean {
  const digest = sha256(presented);
  let matched = false;
  for (const key of apiKeys) {
    if (timingSafeEqual(digest, sha256(key))) matched = true;
  }
  return matched;
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
