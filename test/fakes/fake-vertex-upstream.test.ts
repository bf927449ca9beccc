import { generateKeyPairSync, sign } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloudPlatformScope, jwtBearerGrant, startFakeGoogleJwtTokenServer, type FakeGoogleJwtTokenServer } from './fake-google-jwt-token-server';
import { startFakeVertexUpstream, type FakeVertexUpstream } from './fake-vertex-upstream';

/** The Vertex fakes refuse what Google refuses, so the provider's tests cannot pass by sending less. */
const email = 'sa@acme.iam.gserviceaccount.com';
const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const otherKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
let tokens: FakeGoogleJwtTokenServer;
let vertex: FakeVertexUpstream;

beforeAll(async () => {
  tokens = await startFakeGoogleJwtTokenServer();
  tokens.registerKey({ clientEmail: email, privateKeyId: 'k1', publicKey: keys.publicKey });
  vertex = await startFakeVertexUpstream({ accountOf: (token) => tokens.accountOf(token), projects: { [email]: 'acme' }, apiKeys: ['vk'] });
});
afterAll(async () => {
  await vertex.close();
  await tokens.close();
});

function assertion(claims: Record<string, unknown> = {}, header: Record<string, unknown> = {}, privateKey = keys.privateKey): string {
  const now = Math.floor(Date.now() / 1000);
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${part({ alg: 'RS256', typ: 'JWT', kid: 'k1', ...header })}.${part({ iss: email, scope: cloudPlatformScope, aud: tokens.tokenUri, iat: now, exp: now + 3600, ...claims })}`;
  return `${unsigned}.${sign('RSA-SHA256', Buffer.from(unsigned), privateKey).toString('base64url')}`;
}

async function exchange(form: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(tokens.tokenUri, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('fake Google JWT token endpoint', () => {
  it('issues a token for a valid assertion and refuses a wrong grant, key, signature, issuer, audience, scope or lifetime', async () => {
    expect(await exchange({ grant_type: jwtBearerGrant, assertion: assertion() })).toMatchObject({ status: 200, body: { token_type: 'Bearer', expires_in: 3599 } });
    const refused = async (form: Record<string, string>) => (await exchange(form)).body.error;
    expect(await refused({ grant_type: 'refresh_token', assertion: assertion() })).toBe('unsupported_grant_type');
    expect(await refused({ grant_type: jwtBearerGrant, assertion: assertion({}, { kid: 'unknown' }) })).toBe('invalid_grant');
    expect(await refused({ grant_type: jwtBearerGrant, assertion: assertion({}, {}, otherKeys.privateKey) })).toBe('invalid_grant');
    expect(await refused({ grant_type: jwtBearerGrant, assertion: assertion({ iss: 'other@acme.iam.gserviceaccount.com' }) })).toBe('invalid_grant');
    expect(await refused({ grant_type: jwtBearerGrant, assertion: assertion({ aud: 'https://oauth2.googleapis.com/token' }) })).toBe('invalid_grant');
    expect(await refused({ grant_type: jwtBearerGrant, assertion: assertion({ scope: 'https://www.googleapis.com/auth/userinfo.email' }) })).toBe('invalid_scope');
    expect(await refused({ grant_type: jwtBearerGrant, assertion: assertion({ exp: Math.floor(Date.now() / 1000) + 7200 }) })).toBe('invalid_grant');
  });
});

describe('fake Vertex AI', () => {
  const call = (path: string, headers: Record<string, string>) => fetch(`${vertex.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{"contents":[{"role":"user","parts":[{"text":"Hi"}]}]}' });
  const accountPath = (project: string, method = 'generateContent') => `/v1/projects/${project}/locations/us-central1/publishers/google/models/gemini-2.5-pro:${method}`;

  it("serves a token of the project's account and refuses no token, an unknown one, another project and a stream without alt=sse", async () => {
    const token = String((await exchange({ grant_type: jwtBearerGrant, assertion: assertion() })).body.access_token);
    expect((await call(accountPath('acme'), { authorization: `Bearer ${token}` })).status).toBe(200);
    expect((await call(accountPath('acme'), {})).status).toBe(401);
    expect((await call(accountPath('acme'), { authorization: 'Bearer ya29.forged' })).status).toBe(401);
    expect((await call(accountPath('other'), { authorization: `Bearer ${token}` })).status).toBe(403);
    expect((await call(accountPath('acme', 'streamGenerateContent'), { authorization: `Bearer ${token}` })).status).toBe(400);
    tokens.revokeAccessTokens();
    expect((await call(accountPath('acme'), { authorization: `Bearer ${token}` })).status).toBe(401);
  });

  it('serves a known x-goog-api-key on the key path and refuses another key or a Bearer token there', async () => {
    const keyPath = '/v1/publishers/google/models/gemini-2.5-flash:generateContent';
    expect((await call(keyPath, { 'x-goog-api-key': 'vk' })).status).toBe(200);
    expect((await call(keyPath, { 'x-goog-api-key': 'wrong' })).status).toBe(400);
    expect((await call(keyPath, { authorization: 'Bearer vk' })).status).toBe(400);
  });
});
