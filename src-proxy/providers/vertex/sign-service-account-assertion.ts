import { sign } from 'node:crypto';
import type { VertexServiceAccount } from './vertex-service-account';

/** The OAuth scope Vertex AI takes (CPA asks the same). */
export const cloudPlatformScope = 'https://www.googleapis.com/auth/cloud-platform';

/** Google accepts assertions valid for at most an hour. */
const lifetimeSeconds = 3600;

/**
 * The signed JWT of Google's service-account flow (RFC 7523; https://developers.google.com/identity/protocols/oauth2/service-account#authorizingrequests):
 * RS256 over `{iss: client_email, scope, aud: token_uri, iat, exp}`, with the key id as `kid`.
 */
export function signServiceAccountAssertion(account: VertexServiceAccount, nowMs: number): string {
  const issuedAt = Math.floor(nowMs / 1000);
  const header = { alg: 'RS256', typ: 'JWT', ...(account.privateKeyId ? { kid: account.privateKeyId } : {}) };
  const claims = { iss: account.clientEmail, scope: cloudPlatformScope, aud: account.tokenUri, iat: issuedAt, exp: issuedAt + lifetimeSeconds };
  const unsigned = `${base64Url(JSON.stringify(header))}.${base64Url(JSON.stringify(claims))}`;
  const signature = sign('RSA-SHA256', Buffer.from(unsigned), account.privateKey);
  return `${unsigned}.${signature.toString('base64url')}`;
}

function base64Url(text: string): string {
  return Buffer.from(text).toString('base64url');
}
