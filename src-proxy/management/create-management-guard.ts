import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

export const MANAGEMENT_PREFIX = '/v0/management';

export interface ManagementGuardDeps {
  /** The management secret; empty = remote management off, every /v0/management route is a bare 404. */
  getSecret(): string;
  /** Let callers whose socket address is not loopback in (remote-management.allow-remote). */
  allowRemote(): boolean;
}

/**
 * The onRequest hook in front of every /v0/management route (and unknown paths under it):
 * no secret -> bare 404 (the API does not exist); non-loopback socket -> 403 unless allowed;
 * missing or wrong key -> 401 (except `/oauth-callback`, which a pending login's state guards). Only the socket address counts: X-Forwarded-For is never trusted.
 */
export function createManagementGuard(deps: ManagementGuardDeps) {
  return async function managementGuard(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
    if (!isManagementRequest(request)) return undefined;
    const secret = deps.getSecret();
    if (secret === '') return reply.code(404).send();
    if (!deps.allowRemote() && !isLoopbackAddress(request.socket.remoteAddress)) {
      return reply.code(403).send({ error: 'Remote management is disabled.' });
    }
    // The pasted-callback route is guarded by a pending login's state instead of the key (spec 0.1).
    if (request.routeOptions.url === `${MANAGEMENT_PREFIX}/oauth-callback`) return undefined;
    const provided = extractManagementKey(request.headers);
    if (provided === null) return reply.code(401).send({ error: 'Missing management key.' });
    if (!secretsMatch(provided, secret)) return reply.code(401).send({ error: 'Invalid management key.' });
    return undefined;
  };
}

/** Matches on the routed pattern too, so a percent-encoded path cannot slip past the prefix check. */
function isManagementRequest(request: FastifyRequest): boolean {
  const routeUrl = request.routeOptions.url;
  if (routeUrl !== undefined && isUnderPrefix(routeUrl)) return true;
  const path = request.url.split('?', 1)[0] ?? '';
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // Malformed escapes: judge the raw path.
  }
  return isUnderPrefix(decoded.replace(/\/{2,}/g, '/').toLowerCase());
}

function isUnderPrefix(path: string): boolean {
  return path === MANAGEMENT_PREFIX || path.startsWith(`${MANAGEMENT_PREFIX}/`);
}

export function isLoopbackAddress(address: string | undefined): boolean {
  if (address === undefined) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4)) return true;
  return address === '::1' || address === '0:0:0:0:0:0:0:1';
}

/** `Authorization: Bearer <key>` first, else `X-Management-Key` (both as in CLIProxyAPI). */
export function extractManagementKey(headers: FastifyRequest['headers']): string | null {
  const authorization = headers.authorization;
  if (typeof authorization === 'string') {
    const match = /^Bearer\s+(.+)$/i.exec(authorization.trim());
    if (match?.[1] !== undefined && match[1] !== '') return match[1];
  }
  const header = headers['x-management-key'];
  const value = Array.isArray(header) ? header[0] : header;
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** Constant time regardless of lengths: compare fixed-size digests. */
export function secretsMatch(provided: string, secret: string): boolean {
  const a = createHash('sha256').update(provided, 'utf8').digest();
  const b = createHash('sha256').update(secret, 'utf8').digest();
  return timingSafeEqual(a, b);
}
