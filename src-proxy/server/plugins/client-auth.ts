import { hash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { ProxyError } from '../../errors/proxy-error';

/**
 * Client-key check for inference routes (docs/config.md#listener-and-access). Sources, first present wins: `Authorization: Bearer`,
 * `x-goog-api-key`, `x-api-key`, `?key=`, `?auth_token=`. An empty `api-keys` list means no auth (the
 * engine refuses to bind a non-loopback host in that case unless told to allow it). A matched key is
 * noted on the request as a label (`request.clientKeyLabel`), never as the key.
 */
export function checkClientKey(request: FastifyRequest, apiKeys: ReadonlySet<string>): void {
  if (apiKeys.size === 0) return;
  const presented = presentedKey(request);
  if (!presented) {
    throw new ProxyError({ code: 'PX_AUTH_REQUIRED', message: 'Missing API key. Send it as Authorization: Bearer <key>.', httpStatus: 401 });
  }
  const digest = sha256(presented);
  if (!knownDigests(apiKeys).has(digest)) {
    throw new ProxyError({ code: 'PX_AUTH_INVALID', message: 'Invalid API key.', httpStatus: 401 });
  }
  request.clientKeyLabel = clientKeyLabel(digest);
}

/** 'key-' + the first 8 hex digits of the key's SHA-256: stable, tells keys apart, cannot be reversed. */
function clientKeyLabel(digest: string): string {
  return `key-${digest.slice(0, 8)}`;
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

/**
 * Compares SHA-256 digests, so the lookup cannot leak how much of a key matched; the digests of the
 * configured keys are computed once per key set, the presented key's once per request.
 */
const digestSets = new WeakMap<ReadonlySet<string>, Set<string>>();

function knownDigests(apiKeys: ReadonlySet<string>): Set<string> {
  let digests = digestSets.get(apiKeys);
  if (!digests) {
    digests = new Set([...apiKeys].map(sha256));
    digestSets.set(apiKeys, digests);
  }
  return digests;
}

/** One-shot `hash`: no Hash object per request. */
function sha256(text: string): string {
  return hash('sha256', text, 'hex');
}
