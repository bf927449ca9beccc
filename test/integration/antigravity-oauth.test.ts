import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI, HarmBlockThreshold, HarmCategory } from '@google/genai';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { formatAuthTime } from '../../src-proxy/auth-store/parse-auth-time';
import { startFakeAntigravityServer, type FakeAntigravityServer } from '../fakes/fake-antigravity-server';
import { startTestEngine, testClientKey, type TestEngine } from './start-test-engine';

/**
 * Antigravity accounts end to end (docs/providers.md#antigravity-login-antigravity): login through the management
 * route and the control contract against a strict fake of Google and Cloud Code, the `antigravity` auth file in
 * CPA's shape, OpenAI and Anthropic SDK requests (plain and streamed) in Antigravity's envelope, refresh when
 * expired and after a 401, and a dead login told in the client's format.
 */
const secret = 'mgmt-secret-for-tests';
let google: FakeAntigravityServer;
let proxy: TestEngine | undefined;

beforeAll(async () => {
  google = await startFakeAntigravityServer();
});
afterAll(async () => {
  await google.close();
});
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
  google.reset();
});

function antigravityFile(email: string, project: string, tokens: { accessToken: string; refreshToken: string }, expiresAt = Date.now() + 3600_000): Record<string, unknown> {
  return { type: 'antigravity', email, project_id: project, access_token: tokens.accessToken, refresh_token: tokens.refreshToken, expires_in: 3599, timestamp: expiresAt - 3599_000, expired: formatAuthTime(expiresAt) };
}

async function start(authFiles: Record<string, Record<string, unknown>> = {}): Promise<TestEngine> {
  proxy = await startTestEngine({ 'remote-management': { 'secret-key': secret } }, { authFiles, loginCallbackPort: 0, oauthEndpoints: { antigravity: google.endpoints } });
  return proxy;
}

async function management(engine: TestEngine, path: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${engine.origin}/v0/management${path}`, { headers: { authorization: `Bearer ${secret}` } });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const openai = (engine: TestEngine) => new OpenAI({ apiKey: testClientKey, baseURL: engine.baseUrl, maxRetries: 0 });
const anthropic = (engine: TestEngine) => new Anthropic({ apiKey: testClientKey, baseURL: engine.origin, maxRetries: 0 });
const genai = (engine: TestEngine) => new GoogleGenAI({ apiKey: testClientKey, httpOptions: { baseUrl: engine.origin } });

async function streamedText(engine: TestEngine, model: string): Promise<string> {
  let text = '';
  for await (const chunk of await openai(engine).chat.completions.create({ model, messages: [{ role: 'user', content: 'Hi' }], stream: true })) text += chunk.choices[0]?.delta.content ?? '';
  return text;
}

describe('Antigravity OAuth accounts', () => {
  it('logs in from antigravity-auth-url (onboarding a project), writes the antigravity file and serves OpenAI clients in the envelope', async () => {
    const engine = await start();
    google.setOnboardPending(1);
    const started = await management(engine, '/antigravity-auth-url');
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ status: 'ok', state: expect.stringMatching(/^[0-9a-f]{32}$/) });
    const callback = await fetch(google.approve(String(started.body.url), 'ann@example.com').replace('localhost', '127.0.0.1'), { redirect: 'manual' });
    expect(callback.status).toBe(302);
    await expect.poll(async () => (await management(engine, `/get-auth-status?state=${String(started.body.state)}`)).body.status, { timeout: 10_000 }).toBe('ok');

    const file = JSON.parse(await readFile(join(engine.authDir, 'antigravity-ann@example.com.json'), 'utf8')) as Record<string, unknown>;
    // CPA's fields, plus `disabled` that the auth store writes into every new file.
    expect(Object.keys(file).sort()).toEqual(['access_token', 'disabled', 'email', 'expired', 'expires_in', 'project_id', 'refresh_token', 'timestamp', 'type']);
    expect(file).toMatchObject({ type: 'antigravity', email: 'ann@example.com', project_id: 'onboarded-project-1', expires_in: 3599, timestamp: expect.any(Number) });
    expect(Date.parse(String(file.expired)) - Number(file.timestamp)).toBeGreaterThan(3_590_000);
    const setup = google.requests.filter((entry) => entry.path.includes('v1internal:'));
    expect(setup.map((entry) => entry.path)).toEqual(['/prod/v1internal:loadCodeAssist', '/daily/v1internal:onboardUser', '/daily/v1internal:onboardUser']);
    expect(setup[0]?.headers['user-agent']).toBe('antigravity/hub/2.9.1 darwin/arm64');
    expect(setup[1]).toMatchObject({ headers: { 'user-agent': 'antigravity/hub/2.9.1 darwin/arm64 google-api-nodejs-client/10.3.0', 'x-goog-api-client': 'gl-node/22.21.1' }, body: { tier_id: 'free-tier', metadata: { ide_type: 'ANTIGRAVITY', ide_version: '2.9.1', ide_name: 'antigravity' } } });
    await expect.poll(() => engine.engine.status().accounts).toBe(1);

    const models = await openai(engine).models.list();
    expect(models.data.map((model) => model.id)).toEqual(expect.arrayContaining(['gemini-3-flash', 'claude-sonnet-4-6', 'gemini-3.1-pro-low']));

    const chat = await openai(engine).chat.completions.create({ model: 'gemini-3-flash', max_tokens: 100, messages: [{ role: 'system', content: 'Be brief' }, { role: 'user', content: 'Hi' }] });
    expect(chat.choices[0]?.message.content).toBe('Hello from ann@example.com');
    const first = google.modelCalls()[0];
    expect(first?.path).toBe('/daily/v1internal:generateContent');
    expect(first?.headers).toMatchObject({ authorization: `Bearer ${String(file.access_token)}`, 'user-agent': 'antigravity/hub/2.9.1 darwin/arm64', 'content-type': 'application/json' });
    expect(first?.body).toMatchObject({
      model: 'gemini-3-flash',
      userAgent: 'antigravity',
      requestType: 'agent',
      project: 'onboarded-project-1',
      requestId: expect.stringMatching(/^agent-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/),
      request: { contents: [{ role: 'user', parts: [{ text: 'Hi' }] }], systemInstruction: { parts: [{ text: 'Be brief' }] }, sessionId: expect.stringMatching(/^-\d+$/) },
    });
    // Non-Claude models lose maxOutputTokens, as CPA sends them.
    expect((first?.body as { request: { generationConfig?: Record<string, unknown> } }).request.generationConfig ?? {}).not.toHaveProperty('maxOutputTokens');

    expect(await streamedText(engine, 'gemini-3-flash')).toBe('Hello from ann@example.com');
    const second = google.modelCalls()[1];
    expect(second?.path).toBe('/daily/v1internal:streamGenerateContent?alt=sse');
    // One conversation, one session id (the first user text's hash); every request its own request id.
    const ids = (call: typeof first) => call?.body as { requestId: string; request: { sessionId: string } };
    expect(ids(second).request.sessionId).toBe(ids(first).request.sessionId);
    expect(ids(second).requestId).not.toBe(ids(first).requestId);
  });

  it('serves Anthropic and Gemini clients on a Claude model (always streamed upstream, tool calling VALIDATED, maxOutputTokens kept), plain and streamed', async () => {
    const tokens = google.issueTokens('cl@example.com');
    const engine = await start({ 'antigravity-cl@example.com.json': antigravityFile('cl@example.com', 'proj-c', tokens) });
    await expect.poll(() => engine.engine.status().accounts).toBe(1);
    const tools = [{ name: 'lookup', description: 'Looks up', input_schema: { type: 'object' as const, properties: { q: { type: 'string' } } } }];
    const message = await anthropic(engine).messages.create({ model: 'claude-sonnet-4-6', max_tokens: 200, tools, messages: [{ role: 'user', content: 'Hi' }] });
    expect(message.content[0]).toMatchObject({ type: 'text', text: 'Hello from cl@example.com' });
    // Claude models are asked to stream even for a non-stream client, as CPA does; the answer is assembled.
    expect(google.modelCalls()[0]?.path).toBe('/daily/v1internal:streamGenerateContent?alt=sse');
    const call = google.modelCalls()[0]?.body as { model: string; project: string; request: { toolConfig: unknown; generationConfig: Record<string, unknown> } };
    expect(call).toMatchObject({ model: 'claude-sonnet-4-6', project: 'proj-c', request: { toolConfig: { functionCallingConfig: { mode: 'VALIDATED' } }, generationConfig: { maxOutputTokens: 200 } } });

    let streamed = '';
    const stream = anthropic(engine).messages.stream({ model: 'claude-sonnet-4-6', max_tokens: 200, messages: [{ role: 'user', content: 'Hi' }] });
    for await (const event of stream) if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') streamed += event.delta.text;
    expect(streamed).toBe('Hello from cl@example.com');
    expect(google.modelCalls()[1]?.path).toBe('/daily/v1internal:streamGenerateContent?alt=sse');

    // A Gemini client passes its body through (no translation); the streamed answer is assembled for it too.
    const reply = await genai(engine).models.generateContent({ model: 'claude-sonnet-4-6', contents: 'Hello', config: { safetySettings: [{ category: HarmCategory.HARM_CATEGORY_HARASSMENT, threshold: HarmBlockThreshold.BLOCK_NONE }] } });
    expect(reply.text).toBe('Hello from cl@example.com');
    expect(google.modelCalls()[2]).toMatchObject({ path: '/daily/v1internal:streamGenerateContent?alt=sse', body: { model: 'claude-sonnet-4-6', project: 'proj-c', request: { contents: [{ parts: [{ text: 'Hello' }] }] } } });
    expect((google.modelCalls()[2]?.body as { request: Record<string, unknown> }).request).not.toHaveProperty('safetySettings');
  });

  it('refreshes an expired token before the call and after a 401, writing the CPA token fields back', async () => {
    const expired = google.issueTokens('r@example.com');
    const engine = await start({ 'antigravity-r@example.com.json': antigravityFile('r@example.com', 'proj-r', expired, Date.now() - 60_000) });
    expect(await streamedText(engine, 'gemini-3-flash')).toBe('Hello from r@example.com');
    expect(google.refreshCount()).toBe(1);
    expect(google.modelCalls()[0]?.headers.authorization).not.toBe(`Bearer ${expired.accessToken}`);
    const saved = JSON.parse(await readFile(join(engine.authDir, 'antigravity-r@example.com.json'), 'utf8')) as Record<string, unknown>;
    expect(saved).toMatchObject({ type: 'antigravity', refresh_token: expired.refreshToken, project_id: 'proj-r', expires_in: 3599 });
    expect(saved.access_token).not.toBe(expired.accessToken);
    expect(Date.parse(String(saved.expired))).toBeGreaterThan(Date.now() + 3_000_000);
    const refreshRequest = google.requests.find((entry) => entry.path === '/token');
    expect(refreshRequest?.body).toMatchObject({ grant_type: 'refresh_token', client_id: '1071006060591-tmhssin2h21lcre235vtolojh4g403ep.apps.googleusercontent.com' });

    google.revokeAccessToken(String(saved.access_token));
    const chat = await openai(engine).chat.completions.create({ model: 'gemini-3-flash', messages: [{ role: 'user', content: 'Hi' }] });
    expect(chat.choices[0]?.message.content).toBe('Hello from r@example.com');
    expect(google.refreshCount()).toBe(2);
  });

  it('a file without project_id is served once the refresher (due at once) discovered its project', async () => {
    const tokens = google.issueTokens('np@example.com');
    google.setExistingProject('existing-proj');
    const file = antigravityFile('np@example.com', '', tokens);
    delete file.project_id;
    const engine = await start({ 'antigravity-np@example.com.json': file });
    await expect.poll(async () => (JSON.parse(await readFile(join(engine.authDir, 'antigravity-np@example.com.json'), 'utf8')) as { project_id?: string }).project_id, { timeout: 10_000 }).toBe('existing-proj');
    await expect.poll(() => engine.engine.status().accounts).toBe(1);
    expect(await streamedText(engine, 'gemini-3-flash')).toBe('Hello from np@example.com');
    expect(google.modelCalls()[0]?.body).toMatchObject({ project: 'existing-proj' });
    expect(google.refreshCount()).toBe(1);
  });

  it('a dead login (revoked access and refresh tokens) is told to OpenAI and Anthropic clients in their format, and the file marked', async () => {
    const tokens = google.issueTokens('d@example.com');
    google.revokeAccessToken(tokens.accessToken);
    google.revokeRefreshToken(tokens.refreshToken);
    const engine = await start({ 'antigravity-d@example.com.json': antigravityFile('d@example.com', 'proj-d', tokens) });
    await expect.poll(() => engine.engine.status().accounts).toBe(1);
    const failure = await openai(engine).chat.completions.create({ model: 'gemini-3-flash', messages: [{ role: 'user', content: 'Hi' }] }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OpenAI.APIError);
    expect((failure as InstanceType<typeof OpenAI.APIError>).status).toBe(403);
    expect((failure as Error).message).toContain('needs a new login');
    await expect.poll(async () => (JSON.parse(await readFile(join(engine.authDir, 'antigravity-d@example.com.json'), 'utf8')) as { needs_relogin?: boolean }).needs_relogin).toBe(true);
    const claudeFailure = await anthropic(engine).messages.create({ model: 'claude-sonnet-4-6', max_tokens: 10, messages: [{ role: 'user', content: 'Hi' }] }).catch((error: unknown) => error);
    expect(claudeFailure).toBeInstanceOf(Anthropic.APIError);
    expect((claudeFailure as InstanceType<typeof Anthropic.APIError>).status).toBe(403);
    expect((claudeFailure as InstanceType<typeof Anthropic.APIError>).error).toMatchObject({ type: 'error', error: { type: 'permission_error', message: expect.stringContaining('needs a new login') } });
  });

  it('login.start over the control contract, and web-UI mode forwarding the callback to /antigravity/callback', async () => {
    const engine = await start();
    google.setExistingProject('ctl-proj');
    const started = await engine.engine.control.invoke('login.start', { provider: 'antigravity' });
    await fetch(google.approve(started.url, 'ctl@example.com').replace('localhost', '127.0.0.1'), { redirect: 'manual' });
    await expect.poll(() => engine.engine.control.invoke('login.status', { state: started.state }), { timeout: 10_000 }).toMatchObject({ status: 'ok' });
    expect(JSON.parse(await readFile(join(engine.authDir, 'antigravity-ctl@example.com.json'), 'utf8'))).toMatchObject({ type: 'antigravity', project_id: 'ctl-proj' });

    const web = await management(engine, '/antigravity-auth-url?is_webui=true');
    const forwarded = await fetch(google.approve(String(web.body.url), 'web@example.com').replace('localhost', '127.0.0.1'), { redirect: 'manual' });
    expect(forwarded.status).toBe(302);
    expect(forwarded.headers.get('location')).toMatch(new RegExp(`^${engine.origin}/antigravity/callback\\?`));
    await fetch(String(forwarded.headers.get('location')));
    await expect.poll(async () => (await management(engine, `/get-auth-status?state=${String(web.body.state)}`)).body.status, { timeout: 10_000 }).toBe('ok');
    expect(JSON.parse(await readFile(join(engine.authDir, 'antigravity-web@example.com.json'), 'utf8'))).toMatchObject({ email: 'web@example.com' });
  });
});
