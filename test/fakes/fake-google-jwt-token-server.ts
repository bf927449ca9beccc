/**
 * Google's token endpoint for service accounts (https://developers.google.com/identity/protocols/oauth2/service-account#authorizingrequests),
 * strict: `grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer` with an RS256 assertion whose `kid` names
 * a registered key, whose signature that key's public half verifies, and whose claims are those Google
 * checks (`iss` = the key's account, `aud` = this token URI, the cloud-platform scope, `iat` not in the
 * future, `exp` after now and at most an hour after `iat`). Refusals use Google's OAuth error bodies.
 */
import { randomBytes, verify, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody } from './fake-http-helpers';
import { closeServer } from './fake-upstream-server';

export const jwtBearerGrant = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
export const cloudPlatformScope = 'https://www.googleapis.com/auth/cloud-platform';

export interface FakeGoogleJwtTokenServer {
  /** Put into the service account JSON as `token_uri`. */
  tokenUri: string;
  /** A service-account key the endpoint accepts assertions from. */
  registerKey(key: { clientEmail: string; privateKeyId: string; publicKey: KeyObject }): void;
  /** The key is deleted in the console: its assertions get `invalid_grant` (Invalid JWT Signature). */
  revokeKey(privateKeyId: string): void;
  /** The account behind an access token it issued and did not revoke or let expire, else undefined. */
  accountOf(accessToken: string): string | undefined;
  /** Revokes every access token issued so far (the API then answers 401). */
  revokeAccessTokens(): void;
  /** `expires_in` of later answers (default 3599). */
  setExpiresIn(seconds: number): void;
  /** Successful exchanges so far. */
  exchangeCount(): number;
  /** The refusals answered, as `error: description`. */
  refusals: string[];
  close(): Promise<void>;
}

interface Issued {
  account: string;
  expiresAt: number;
}

export async function startFakeGoogleJwtTokenServer(): Promise<FakeGoogleJwtTokenServer> {
  const keys = new Map<string, { clientEmail: string; publicKey: KeyObject }>();
  const revokedKeys = new Set<string>();
  const issued = new Map<string, Issued>();
  const refusals: string[] = [];
  let expiresIn = 3599;
  let exchanges = 0;
  let tokenUri = '';

  function exchange(form: URLSearchParams): [number, Record<string, unknown>] {
    const refuse = (error: string, description: string): [number, Record<string, unknown>] => {
      refusals.push(`${error}: ${description}`);
      return [400, { error, error_description: description }];
    };
    if (form.get('grant_type') !== jwtBearerGrant) return refuse('unsupported_grant_type', 'Invalid grant_type: ' + (form.get('grant_type') ?? ''));
    const parts = (form.get('assertion') ?? '').split('.');
    const [header, claims] = [decode(parts[0]), decode(parts[1])];
    if (parts.length !== 3 || !header || !claims) return refuse('invalid_grant', 'Invalid JWT: Token must be a short-lived token and in a reasonable timeframe');
    if (header.alg !== 'RS256') return refuse('invalid_grant', 'Invalid JWT: unsupported algorithm');
    const key = typeof header.kid === 'string' ? keys.get(header.kid) : undefined;
    const signed = Buffer.from(`${parts[0]}.${parts[1]}`);
    if (!key || revokedKeys.has(String(header.kid)) || !verify('RSA-SHA256', signed, key.publicKey, Buffer.from(parts[2] ?? '', 'base64url'))) return refuse('invalid_grant', 'Invalid JWT Signature.');
    if (claims.iss !== key.clientEmail) return refuse('invalid_grant', 'Invalid JWT: iss does not match the key');
    if (claims.aud !== tokenUri) return refuse('invalid_grant', 'Invalid JWT: aud must be the token URI');
    if (typeof claims.scope !== 'string' || !claims.scope.split(' ').includes(cloudPlatformScope)) return refuse('invalid_scope', 'Invalid OAuth scope or ID token audience provided.');
    const now = Math.floor(Date.now() / 1000);
    const iat = Number(claims.iat);
    const exp = Number(claims.exp);
    if (!(iat <= now + 60 && exp > now && exp - iat <= 3600)) return refuse('invalid_grant', 'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe.');
    exchanges += 1;
    const accessToken = `ya29.vertex-${randomBytes(8).toString('hex')}`;
    issued.set(accessToken, { account: key.clientEmail, expiresAt: Date.now() + expiresIn * 1000 });
    return [200, { access_token: accessToken, expires_in: expiresIn, token_type: 'Bearer' }];
  }

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    void (async () => {
      const raw = await readBody(request);
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const form = request.headers['content-type']?.startsWith('application/x-www-form-urlencoded') ? new URLSearchParams(raw) : null;
      if (request.method !== 'POST' || url.pathname !== '/token') return json(response, 404, { error: 'not_found' });
      if (!form) return json(response, 400, { error: 'invalid_request', error_description: 'Expected a form body' });
      json(response, ...exchange(form));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  tokenUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/token`;
  return {
    tokenUri,
    registerKey: ({ clientEmail, privateKeyId, publicKey }) => keys.set(privateKeyId, { clientEmail, publicKey }),
    revokeKey: (privateKeyId) => revokedKeys.add(privateKeyId),
    accountOf: (accessToken) => {
      const entry = issued.get(accessToken);
      return entry && entry.expiresAt > Date.now() ? entry.account : undefined;
    },
    revokeAccessTokens: () => issued.clear(),
    setExpiresIn: (seconds) => (expiresIn = seconds),
    exchangeCount: () => exchanges,
    refusals,
    close: () => closeServer(server),
  };
}

function decode(part: string | undefined): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8')) as unknown;
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}
