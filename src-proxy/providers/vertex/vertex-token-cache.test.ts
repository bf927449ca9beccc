import { generateKeyPairSync, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { cloudPlatformScope, signServiceAccountAssertion } from './sign-service-account-assertion';
import { VertexTokenCache, type FetchVertexToken } from './vertex-token-cache';
import type { VertexServiceAccount } from './vertex-service-account';

const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const account: VertexServiceAccount = {
  clientEmail: 'sa@acme.iam.gserviceaccount.com',
  privateKey: keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  privateKeyId: 'kid-1',
  tokenUri: 'https://oauth2.example.test/token',
  projectId: 'acme',
  location: 'us-central1',
};

function decodePart(part: string | undefined): Record<string, unknown> {
  return JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe('service-account assertion', () => {
  it('is an RS256 JWT the public key verifies, with kid, iss, scope, aud = token URI and a one-hour life', () => {
    const jwt = signServiceAccountAssertion(account, 1_700_000_000_500);
    const [header, claims, signature] = jwt.split('.');
    expect(decodePart(header)).toEqual({ alg: 'RS256', typ: 'JWT', kid: 'kid-1' });
    expect(decodePart(claims)).toEqual({ iss: account.clientEmail, scope: cloudPlatformScope, aud: account.tokenUri, iat: 1_700_000_000, exp: 1_700_003_600 });
    expect(verify('RSA-SHA256', Buffer.from(`${header}.${claims}`), keys.publicKey, Buffer.from(signature ?? '', 'base64url'))).toBe(true);
  });
});

describe('VertexTokenCache', () => {
  function counting(expiresInMs = 3_600_000): { fetch: FetchVertexToken; calls: () => number; release: () => void } {
    let calls = 0;
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const fetch: FetchVertexToken = async (_id, _account, nowMs) => {
      calls += 1;
      await gate;
      return { token: `tok-${calls}`, expiresAt: nowMs + expiresInMs };
    };
    return { fetch, calls: () => calls, release: () => release() };
  }

  it('shares one exchange between concurrent callers and reuses the token until a minute before expiry', async () => {
    let now = 0;
    const source = counting();
    const cache = new VertexTokenCache(source.fetch, () => now);
    const oauth = cache.tokenSource('vertex-acme.json', account);
    const waiting = Promise.all([oauth.accessToken(), oauth.accessToken(), oauth.accessToken()]);
    source.release();
    expect(await waiting).toEqual(['tok-1', 'tok-1', 'tok-1']);
    now = 3_600_000 - 61_000;
    expect(await oauth.accessToken()).toBe('tok-1');
    now = 3_600_000 - 59_000;
    expect(await oauth.accessToken()).toBe('tok-2');
    expect(source.calls()).toBe(2);
  });

  it('after a 401 exchanges again unless another caller already replaced the rejected token; another key gets its own token', async () => {
    const source = counting();
    source.release();
    const cache = new VertexTokenCache(source.fetch, () => 0);
    const oauth = cache.tokenSource('vertex-acme.json', account);
    expect(await oauth.accessToken()).toBe('tok-1');
    expect(await oauth.refreshAfterUnauthorized('tok-1')).toBe('tok-2');
    expect(await oauth.refreshAfterUnauthorized('tok-1')).toBe('tok-2');
    const rekeyed = cache.tokenSource('vertex-acme.json', { ...account, privateKeyId: 'kid-2' });
    expect(await rekeyed.accessToken()).toBe('tok-3');
  });

  it('passes a failed exchange to the caller and tries again on the next call', async () => {
    let fail = true;
    const cache = new VertexTokenCache(async () => {
      if (fail) throw new Error('token endpoint down');
      return { token: 'ok', expiresAt: 3_600_000 };
    }, () => 0);
    const oauth = cache.tokenSource('vertex-acme.json', account);
    await expect(oauth.accessToken()).rejects.toThrow('token endpoint down');
    fail = false;
    expect(await oauth.accessToken()).toBe('ok');
  });
});
