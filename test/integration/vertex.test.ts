import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import { generateKeyPairSync } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGoogleJwtTokenServer, type FakeGoogleJwtTokenServer } from '../fakes/fake-google-jwt-token-server';
import { startFakeVertexUpstream, type FakeVertexUpstream } from '../fakes/fake-vertex-upstream';
import { startTestEngine, testClientKey, type TestEngine } from './start-test-engine';

/**
 * Vertex AI end to end (docs/providers.md#vertex-ai-vertex): a service account imported through
 * `POST /v0/management/vertex/import` (its login) serves the OpenAI and Anthropic SDKs, stream and not,
 * through a strict fake Google token endpoint (it verifies the JWT with the account's public key) and a
 * strict fake Vertex AI (it checks the Bearer, the project and the path); a `vertex-api-key` entry serves
 * too; a token near expiry or revoked is replaced; a deleted key is a clear 403 in the client's format.
 */
const secret = 'mgmt-secret-vertex';
const clientEmail = 'proxy@acme-prod.iam.gserviceaccount.com';
const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });

let tokens: FakeGoogleJwtTokenServer;
let vertex: FakeVertexUpstream;
let proxy: TestEngine | undefined;

beforeAll(async () => {
  tokens = await startFakeGoogleJwtTokenServer();
  // Two ids of the same key pair: key-2 is the one a test deletes.
  tokens.registerKey({ clientEmail, privateKeyId: 'key-1', publicKey: keys.publicKey });
  tokens.registerKey({ clientEmail, privateKeyId: 'key-2', publicKey: keys.publicKey });
  vertex = await startFakeVertexUpstream({ accountOf: (token) => tokens.accountOf(token), projects: { [clientEmail]: 'acme-prod' }, apiKeys: ['vk-live'] });
});
afterAll(async () => {
  await vertex.close();
  await tokens.close();
});
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
  vertex.reset();
  tokens.setExpiresIn(3599);
});

const serviceAccount = (privateKeyId: string) =>
  JSON.stringify({
    type: 'service_account',
    project_id: 'acme-prod',
    private_key_id: privateKeyId,
    private_key: keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    client_email: clientEmail,
    token_uri: tokens.tokenUri,
  });

/** An engine with the Vertex host pointed at the fake, the service account imported as the panel does, and a vertex-api-key entry. */
async function startWithImportedAccount(privateKeyId = 'key-1'): Promise<TestEngine> {
  proxy = await startTestEngine(
    { 'remote-management': { 'secret-key': secret }, 'request-retry': 0, 'vertex-api-key': [{ 'api-key': 'vk-live', 'base-url': vertex.baseUrl, models: [{ name: 'gemini-2.5-flash', alias: 'vx-flash' }] }] },
    { oauthEndpoints: { vertex: { apiBase: vertex.baseUrl } } },
  );
  const form = new FormData();
  form.append('file', new Blob([serviceAccount(privateKeyId)], { type: 'application/json' }), 'acme-prod.json');
  form.append('location', 'europe-west4');
  const imported = await fetch(`${proxy.origin}/v0/management/vertex/import`, { method: 'POST', headers: { authorization: `Bearer ${secret}` }, body: form });
  expect(imported.status).toBe(200);
  const engine = proxy;
  // The vertex-api-key entry and, once the watcher saw it, the imported file.
  await expect.poll(() => engine.engine.status().accounts, { timeout: 5000 }).toBe(2);
  return engine;
}

const openai = (engine: TestEngine) => new OpenAI({ apiKey: testClientKey, baseURL: engine.baseUrl, maxRetries: 0 });
const anthropic = (engine: TestEngine) => new Anthropic({ apiKey: testClientKey, baseURL: engine.origin, maxRetries: 0 });
const accountPath = (method: string) => `/v1/projects/acme-prod/locations/europe-west4/publishers/google/models/gemini-2.5-pro:${method}`;

describe('Vertex AI', () => {
  it('imports a service account in CPA shape and serves the OpenAI and Anthropic SDKs, stream and not, with one token exchange', async () => {
    const engine = await startWithImportedAccount();
    const file = JSON.parse(await readFile(join(engine.authDir, 'vertex-acme-prod.json'), 'utf8')) as Record<string, unknown>;
    expect(Object.keys(file).sort()).toEqual(['email', 'label', 'location', 'project_id', 'service_account', 'type']);
    expect(file).toMatchObject({ type: 'vertex', project_id: 'acme-prod', email: clientEmail, location: 'europe-west4' });
    const exchangesBefore = tokens.exchangeCount();

    const chat = await openai(engine).chat.completions.create({ model: 'gemini-2.5-pro', messages: [{ role: 'system', content: 'Be brief' }, { role: 'user', content: 'Hi' }] });
    expect(chat.choices[0]?.message.content).toBe('Hello from vertex acme-prod');
    const stream = await openai(engine).chat.completions.create({ model: 'gemini-2.5-pro', messages: [{ role: 'user', content: 'Hi' }], stream: true });
    let streamed = '';
    for await (const chunk of stream) streamed += chunk.choices[0]?.delta.content ?? '';
    expect(streamed).toBe('Hello from vertex acme-prod');

    const message = await anthropic(engine).messages.create({ model: 'gemini-2.5-pro', max_tokens: 64, messages: [{ role: 'user', content: 'Hi' }] });
    expect(message.content).toEqual([expect.objectContaining({ type: 'text', text: 'Hello from vertex acme-prod' })]);
    const anthropicStream = anthropic(engine).messages.stream({ model: 'gemini-2.5-pro', max_tokens: 64, messages: [{ role: 'user', content: 'Hi' }] });
    expect(await anthropicStream.finalText()).toBe('Hello from vertex acme-prod');

    expect(vertex.requests.map((request) => request.path)).toEqual([accountPath('generateContent'), accountPath('streamGenerateContent?alt=sse'), accountPath('generateContent'), accountPath('streamGenerateContent?alt=sse')]);
    expect(vertex.requests[0]?.headers.authorization).toMatch(/^Bearer ya29\.vertex-/);
    expect(vertex.requests[0]?.headers['x-goog-api-key']).toBeUndefined();
    expect(vertex.requests[0]?.body).toMatchObject({ contents: [{ role: 'user', parts: [{ text: 'Hi' }] }], systemInstruction: { parts: [{ text: 'Be brief' }] } });
    expect(tokens.exchangeCount() - exchangesBefore).toBe(1);
    expect(tokens.refusals).toEqual([]);
  });

  it('passes a Gemini client through unchanged and counts tokens with Vertex countTokens', async () => {
    const engine = await startWithImportedAccount();
    const genai = new GoogleGenAI({ apiKey: testClientKey, httpOptions: { baseUrl: engine.origin } });
    const answer = await genai.models.generateContent({ model: 'gemini-2.5-pro', contents: 'Hi' });
    expect(answer.text).toBe('Hello from vertex acme-prod');
    const counted = await genai.models.countTokens({ model: 'gemini-2.5-pro', contents: 'Hi' });
    expect(counted.totalTokens).toBeGreaterThan(0);
    expect(vertex.requests.map((request) => request.path)).toEqual([accountPath('generateContent'), accountPath('countTokens')]);
  });

  it('lists the Vertex models and the key entry alias on /v1/models; the vertex-api-key entry answers with its key on the key path', async () => {
    const engine = await startWithImportedAccount();
    const listed = (await openai(engine).models.list()).data.map((model) => model.id);
    expect(listed).toEqual(expect.arrayContaining(['gemini-2.5-pro', 'gemini-3-pro', 'vx-flash']));
    expect(listed.filter((id) => id.startsWith('imagen'))).toEqual([]);

    const chat = await openai(engine).chat.completions.create({ model: 'vx-flash', messages: [{ role: 'user', content: 'Hi' }] });
    expect(chat.choices[0]?.message.content).toBe('Hello from vertex key');
    const stream = await openai(engine).chat.completions.create({ model: 'vx-flash', messages: [{ role: 'user', content: 'Hi' }], stream: true });
    let streamed = '';
    for await (const chunk of stream) streamed += chunk.choices[0]?.delta.content ?? '';
    expect(streamed).toBe('Hello from vertex key');
    expect(vertex.requests.map((request) => request.path)).toEqual(['/v1/publishers/google/models/gemini-2.5-flash:generateContent', '/v1/publishers/google/models/gemini-2.5-flash:streamGenerateContent?alt=sse']);
    expect(vertex.requests[0]?.headers['x-goog-api-key']).toBe('vk-live');
    expect(vertex.requests[0]?.headers.authorization).toBeUndefined();
  });

  it('exchanges again when the token is within a minute of expiry, and once after the API revoked it (401), then serves', async () => {
    tokens.setExpiresIn(30);
    const engine = await startWithImportedAccount();
    const start = tokens.exchangeCount();
    await openai(engine).chat.completions.create({ model: 'gemini-2.5-pro', messages: [{ role: 'user', content: 'Hi' }] });
    await openai(engine).chat.completions.create({ model: 'gemini-2.5-pro', messages: [{ role: 'user', content: 'Hi' }] });
    expect(tokens.exchangeCount() - start).toBe(2);

    tokens.setExpiresIn(3599);
    await openai(engine).chat.completions.create({ model: 'gemini-2.5-pro', messages: [{ role: 'user', content: 'Hi' }] });
    tokens.revokeAccessTokens();
    const chat = await openai(engine).chat.completions.create({ model: 'gemini-2.5-pro', messages: [{ role: 'user', content: 'Hi' }] });
    expect(chat.choices[0]?.message.content).toBe('Hello from vertex acme-prod');
    expect(tokens.exchangeCount() - start).toBe(4);
    expect(vertex.requests.slice(-2).map((request) => request.path)).toEqual([accountPath('generateContent'), accountPath('generateContent')]);
  });

  it('answers a deleted key (invalid_grant) with a 403 saying the account needs attention, in the OpenAI and the Anthropic format', async () => {
    tokens.revokeKey('key-2');
    const sendBoth = [
      async (engine: TestEngine) => {
        const failure = await openai(engine).chat.completions.create({ model: 'gemini-2.5-pro', messages: [{ role: 'user', content: 'Hi' }] }).catch((error: unknown) => error);
        expect(failure).toBeInstanceOf(OpenAI.APIError);
        return failure as InstanceType<typeof OpenAI.APIError>;
      },
      async (engine: TestEngine) => {
        const failure = await anthropic(engine).messages.create({ model: 'gemini-2.5-pro', max_tokens: 64, messages: [{ role: 'user', content: 'Hi' }] }).catch((error: unknown) => error);
        expect(failure).toBeInstanceOf(Anthropic.APIError);
        expect((failure as InstanceType<typeof Anthropic.APIError>).error).toMatchObject({ type: 'error', error: { type: 'permission_error' } });
        return failure as InstanceType<typeof Anthropic.APIError>;
      },
    ];
    for (const send of sendBoth) {
      // A fresh engine each: after the refusal the account cools down, and later requests read "cooling down".
      await proxy?.close();
      const failure = await send(await startWithImportedAccount('key-2'));
      expect(failure.status).toBe(403);
      expect(failure.message).toContain('vertex proxy@acme-prod.iam.gserviceaccount.com needs a new login');
    }
    expect(tokens.refusals).toContain('invalid_grant: Invalid JWT Signature.');
    expect(vertex.requests).toEqual([]);
  });
});
