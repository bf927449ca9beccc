import type { FastifyReply, FastifyRequest } from 'fastify';
import packageJson from '../../package.json' with { type: 'json' };
import { grantCors, type CorsGrant } from '../http/cors-preflight';
import { formatGoDuration, ManagementLockout } from './management-lockout';
import { createSecretVerifier, secretsMatch } from './management-secret';

export const MANAGEMENT_PREFIX = '/v0/management';

export interface ManagementGuardDeps {
  /** remote-management.secret-key: a bcrypt hash or plaintext; empty (and no password) = every /v0/management route is a bare 404. */
  getSecret(): string;
  /** Let callers whose socket address is not loopback in (remote-management.allow-remote). */
  allowRemote(): boolean;
  /** The configured `host`: accepted in the Host header besides the loopback names. */
  getHost?(): string;
  /** CPA's MANAGEMENT_PASSWORD: a plaintext key that also enables the API and forces allow-remote. */
  managementPassword?: string | undefined;
  /** Clock for the lockout; Date.now by default. */
  now?(): number;
  /** remote-management.allowed-origins (lower-cased): web pages allowed to call the API from a browser; none by default. */
  allowedOrigins?(): readonly string[];
}

/**
 * CPA's build stamp headers on every management response. There is no build stamping yet: the commit and
 * date are CPA's own defaults for an unstamped build.
 */
const VERSION_HEADERS = {
  'x-cpa-version': packageJson.version,
  'x-cpa-commit': 'none',
  'x-cpa-build-date': 'unknown',
} as const;

/** A listed origin's page sends the key in a header and reads the version headers (the official panel does). */
const MANAGEMENT_CORS: Omit<CorsGrant, 'allowOrigin'> = {
  methods: 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
  allowHeaders: 'Authorization, Content-Type, X-Management-Key',
  exposeHeaders: 'X-CPA-VERSION, X-CPA-COMMIT, X-CPA-BUILD-DATE, Content-Disposition',
};

const LOOPBACK_HOSTNAMES: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '::1']);

/**
 * The onRequest hook in front of every /v0/management route (and unknown paths under it), docs/management-api.md#authentication:
 * no secret and no password -> bare 404 (the API does not exist); non-loopback socket -> 403 unless
 * allowed; a Host header naming neither loopback nor the configured host -> 403 (DNS rebinding: a web
 * page must not reach the API through a name it controls); a banned address -> 403; missing or wrong key
 * -> 401 (except `/oauth-callback`, which a pending login's state guards). Only the socket address
 * counts: X-Forwarded-For is never trusted. Errors use CPA's wording.
 */
export function createManagementGuard(deps: ManagementGuardDeps) {
  const lockout = new ManagementLockout(deps.now ?? Date.now);
  const verifySecret = createSecretVerifier();
  const password = deps.managementPassword ?? '';
  const guard = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    const secret = deps.getSecret();
    if (secret === '' && password === '') return reply.code(404).send();
    reply.headers(VERSION_HEADERS);
    const address = clientAddress(request);
    const allowRemote = password !== '' || deps.allowRemote();
    if (!allowRemote && !isLoopbackAddress(address)) return reply.code(403).send({ error: 'remote management disabled' });
    if (!allowRemote && !isAllowedHost(request.headers.host, deps.getHost?.() ?? '')) {
      return reply.code(403).send({ error: 'invalid host header' });
    }
    // Before the key check: a preflight carries no key. Unlisted origins get no CORS (their preflight is a 401).
    const origin = listedOrigin(request.headers.origin, deps.allowedOrigins?.() ?? []);
    if (origin !== null && grantCors(request, reply, { allowOrigin: origin, ...MANAGEMENT_CORS })) return reply;
    // The pasted-callback route is guarded by a pending login's state instead of the key (docs/providers.md#starting-a-login-from-the-management-api).
    if (request.routeOptions.url === `${MANAGEMENT_PREFIX}/oauth-callback`) return undefined;
    if (lockout.bannedFor(address) > 0) return sendBanned(reply, lockout, address);
    const provided = extractManagementKey(request.headers);
    if (provided === null) {
      lockout.recordFailure(address);
      return reply.code(401).send({ error: 'missing management key' });
    }
    const accepted = (password !== '' && secretsMatch(provided, password)) || (secret !== '' && (await verifySecret(provided, secret)));
    // Guesses sent in parallel all passed the ban check before the first verdict: once the ban falls,
    // the ones still being verified get no verdict either, so an address learns at most 5 answers.
    if (lockout.bannedFor(address) > 0) return sendBanned(reply, lockout, address);
    if (!accepted) {
      lockout.recordFailure(address);
      return reply.code(401).send({ error: 'invalid management key' });
    }
    lockout.recordSuccess(address);
    return undefined;
  };
  // A callback hook, so the inference requests it lets by cost no promise; a management request gets
  // the async guard's promise, which fastify awaits as it would an async hook's.
  return function managementGuard(request: FastifyRequest, reply: FastifyReply, done: () => void): Promise<FastifyReply | undefined> | undefined {
    if (isManagementRequest(request)) return guard(request, reply);
    done();
    return undefined;
  };
}

function sendBanned(reply: FastifyReply, lockout: ManagementLockout, address: string): FastifyReply {
  return reply.code(403).send({ error: `IP banned due to too many failed attempts. Try again in ${formatGoDuration(lockout.bannedFor(address))}` });
}

function listedOrigin(origin: string | undefined, allowed: readonly string[]): string | null {
  return origin !== undefined && allowed.includes(origin.toLowerCase()) ? origin : null;
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

/** The socket address, IPv4-mapped IPv6 unwrapped, so one client has one lockout entry. */
function clientAddress(request: FastifyRequest): string {
  const address = request.socket.remoteAddress ?? '';
  return address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
}

export function isLoopbackAddress(address: string | undefined): boolean {
  if (address === undefined) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4)) return true;
  return address === '::1' || address === '0:0:0:0:0:0:0:1';
}

/** The Host header's hostname is a loopback name or the configured host (compared without port and brackets). */
function isAllowedHost(hostHeader: string | undefined, configuredHost: string): boolean {
  if (hostHeader === undefined) return false;
  const hostname = hostnameOf(hostHeader);
  return LOOPBACK_HOSTNAMES.has(hostname) || (configuredHost.trim() !== '' && hostname === unbracket(configuredHost.trim().toLowerCase()));
}

function hostnameOf(hostHeader: string): string {
  const value = hostHeader.trim().toLowerCase();
  if (value.startsWith('[')) {
    const end = value.indexOf(']');
    return end === -1 ? value.slice(1) : value.slice(1, end);
  }
  const colon = value.indexOf(':');
  return colon === -1 ? value : value.slice(0, colon);
}

function unbracket(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/** `Authorization: Bearer <key>` (any other Authorization value is the key itself), else `X-Management-Key`, as in CPA. */
export function extractManagementKey(headers: FastifyRequest['headers']): string | null {
  const authorization = headers.authorization?.trim() ?? '';
  if (authorization !== '') {
    const match = /^Bearer\s+(.*)$/i.exec(authorization);
    const key = match ? (match[1] ?? '').trim() : authorization;
    if (key !== '') return key;
  }
  const header = headers['x-management-key'];
  const value = Array.isArray(header) ? header[0] : header;
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}
