import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { formatAuthTime } from '../../src-proxy/auth-store/parse-auth-time';
import { startFakeGoogleServer, type FakeGoogleServer } from '../fakes/fake-google-server';
import { startTestEngine, testClientKey, type TestEngine } from './start-test-engine';

/**
 * Gemini CLI accounts end to end (docs/providers.md#gemini-cli-login-gemini-cli): login through the management route and the loopback callback,
 * the `gemini` auth file, OpenAI Chat and Google GenAI SDK requests served through Cloud Code Assist's
 * v1internal envelope (the fake records it), countTokens and the token written back after a 401 refresh.
 * The quota failover (RetryInfo 429) runs in oauth-accounts-per-provider.test.ts.
 */
const secret = 'mgmt-secret-for-tests';
let google: FakeGoogleServer;
let proxy: TestEngine | undefined;

beforeAll(async () => {
  google = await startFakeGoogleServer();
});
afterAll(async () => {
  await google.close();
});
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
  google.reset();
});

function geminiFile(email: string, project: string, accessToken: string, refreshToken: string): Record<string, unknown> {
  const expiry = formatAuthTime(Date.now() + 3600_000);
  return { type: 'gemini', email, project_id: project, auto: false, checked: true, access_token: accessToken, refresh_token: refreshToken, token_type: 'Bearer', expiry, token: { access_token: accessToken, refresh_token: refreshToken, token_type: 'Bearer', expiry } };
}

async function start(authFiles: Record<string, Record<string, unknown>> = {}, config: Record<string, unknown> = {}): Promise<TestEngine> {
  proxy = await startTestEngine(
    { 'remote-management': { 'secret-key': secret }, ...config },
    { authFiles, loginCallbackPort: 0, oauthEndpoints: { gemini: { authorizeUrl: google.authorizeUrl, tokenUrl: google.tokenUrl, userInfoUrl: google.userInfoUrl, codeAssistBase: google.codeAssistBase, projectsUrl: google.projectsUrl } } },
  );
  return proxy;
}

const openai = (engine: TestEngine) => new OpenAI({ apiKey: testClientKey, baseURL: engine.baseUrl, maxRetries: 0 });
const genai = (engine: TestEngine) => new GoogleGenAI({ apiKey: testClientKey, httpOptions: { baseUrl: engine.origin } });

describe('Gemini CLI OAuth accounts', () => {
  it('logs in from gemini-cli-auth-url?project_id= with a loopback GET, writes the gemini file and serves OpenAI and GenAI clients through the envelope', async () => {
    const engine = await start();
    const management = async (path: string) => {
      const response = await fetch(`${engine.origin}/v0/management${path}`, { headers: { authorization: `Bearer ${secret}` } });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    const started = await management('/gemini-cli-auth-url?project_id=proj-x');
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ status: 'ok', state: expect.stringMatching(/^gem-\d+$/) });
    const url = String(started.body.url);
    expect(new URL(url).searchParams.get('redirect_uri')).toMatch(/^http:\/\/localhost:\d+\/oauth2callback$/);
    const callback = await fetch(google.approve(url, 'gina@example.com').replace('localhost', '127.0.0.1'), { redirect: 'manual' });
    expect(callback.status).toBe(302);
    await expect.poll(async () => (await management(`/get-auth-status?state=${String(started.body.state)}`)).body.status, { timeout: 5000 }).toBe('ok');
    const file = JSON.parse(await readFile(join(engine.authDir, 'gemini-gina@example.com-proj-x.json'), 'utf8')) as Record<string, unknown>;
    expect(file).toMatchObject({ type: 'gemini', email: 'gina@example.com', project_id: 'proj-x', auto: false });
    await expect.poll(() => engine.engine.status().accounts).toBe(1);

    const chat = await openai(engine).chat.completions.create({ model: 'gemini-2.5-pro', messages: [{ role: 'system', content: 'Be brief' }, { role: 'user', content: 'Hi' }] });
    expect(chat.choices[0]?.message.content).toBe('Hello from gina@example.com');
    const first = google.modelCalls()[0];
    expect(first?.path).toBe('/v1internal:generateContent');
    expect(first?.headers.authorization).toBe(`Bearer ${String(file.access_token)}`);
    expect(first?.headers['user-agent']).toMatch(/^GeminiCLI\/0\.34\.0\/gemini-2\.5-pro \((linux|darwin|win32); (x64|arm64|x86); terminal\)$/);
    expect(first?.headers['x-goog-api-client']).toBe('google-genai-sdk/1.41.0 gl-node/v22.19.0');
    expect(first?.body).toMatchObject({ model: 'gemini-2.5-pro', project: 'proj-x', request: { contents: [{ role: 'user', parts: [{ text: 'Hi' }] }], systemInstruction: { parts: [{ text: 'Be brief' }] } } });

    const stream = await openai(engine).chat.completions.create({ model: 'gemini-2.5-flash', messages: [{ role: 'user', content: 'Hi' }], stream: true });
    let streamed = '';
    for await (const chunk of stream) streamed += chunk.choices[0]?.delta.content ?? '';
    expect(streamed).toBe('Hello from gina@example.com');
    expect(google.modelCalls()[1]?.path).toBe('/v1internal:streamGenerateContent?alt=sse');

    const sdk = genai(engine);
    const reply = await sdk.models.generateContent({ model: 'gemini-2.5-pro', contents: 'Hello' });
    expect(reply.text).toBe('Hello from gina@example.com');
    expect(google.modelCalls()[2]?.body).toMatchObject({ model: 'gemini-2.5-pro', project: 'proj-x', request: { contents: [{ parts: [{ text: 'Hello' }] }] } });
    let genaiStreamed = '';
    for await (const chunk of await sdk.models.generateContentStream({ model: 'gemini-2.5-pro', contents: 'Hello' })) genaiStreamed += chunk.text ?? '';
    expect(genaiStreamed).toBe('Hello from gina@example.com');
    const counted = await sdk.models.countTokens({ model: 'gemini-2.5-pro', contents: 'Hello' });
    expect(counted.totalTokens).toBe(42);
    const count = google.modelCalls().at(-1);
    expect(count?.path).toBe('/v1internal:countTokens');
    expect(count?.body).toMatchObject({ request: { contents: [{ parts: [{ text: 'Hello' }] }] } });
    expect(count?.body).not.toHaveProperty('project');
  });

  it('project_id=ALL onboards every project of the account (all pages of the list) into one -all file served per project', async () => {
    const engine = await start({}, { routing: { strategy: 'round-robin' } });
    google.setProjects(['p1', 'p2', 'p3']);
    const response = await fetch(`${engine.origin}/v0/management/gemini-cli-auth-url?project_id=ALL`, { headers: { authorization: `Bearer ${secret}` } });
    const started = (await response.json()) as { url: string; state: string };
    await fetch(google.approve(started.url, 'all@example.com').replace('localhost', '127.0.0.1'), { redirect: 'manual' });
    await expect.poll(() => engine.engine.logins.status(started.state), { timeout: 5000 }).toMatchObject({ status: 'ok' });
    const file = JSON.parse(await readFile(join(engine.authDir, 'gemini-all@example.com-all.json'), 'utf8')) as Record<string, unknown>;
    expect(file).toMatchObject({ type: 'gemini', email: 'all@example.com', project_id: 'p1,p2,p3', auto: false });
    const onboarded = google.requests.filter((entry) => entry.path === '/v1internal:onboardUser').map((entry) => (entry.body as { cloudaicompanionProject?: string }).cloudaicompanionProject);
    expect(onboarded).toEqual(['p1', 'p2', 'p3']);
    await expect.poll(() => engine.engine.status().accounts).toBe(3);
    for (let index = 0; index < 3; index += 1) await openai(engine).chat.completions.create({ model: 'gemini-2.5-pro', messages: [{ role: 'user', content: 'Hi' }] });
    expect(new Set(google.modelCalls().map((call) => (call.body as { project?: string }).project))).toEqual(new Set(['p1', 'p2', 'p3']));
  });

  it('refreshes the token after an upstream 401 and writes it back', async () => {
    const tokens = google.issueTokens('r@example.com');
    google.revokeAccessToken(tokens.accessToken);
    const engine = await start({ 'gemini-r@example.com-p1.json': geminiFile('r@example.com', 'p1', tokens.accessToken, tokens.refreshToken) });
    const chat = await openai(engine).chat.completions.create({ model: 'gemini-2.5-pro', messages: [{ role: 'user', content: 'Hi' }] });
    expect(chat.choices[0]?.message.content).toBe('Hello from r@example.com');
    expect(google.refreshCount()).toBeGreaterThanOrEqual(1);
    const calls = google.modelCalls();
    expect(calls[0]?.headers.authorization).toBe(`Bearer ${tokens.accessToken}`);
    expect(calls.at(-1)?.headers.authorization).not.toBe(`Bearer ${tokens.accessToken}`);
    const saved = JSON.parse(await readFile(join(engine.authDir, 'gemini-r@example.com-p1.json'), 'utf8')) as Record<string, unknown>;
    expect(saved.access_token).not.toBe(tokens.accessToken);
    expect(saved).toMatchObject({ refresh_token: tokens.refreshToken, project_id: 'p1', token: { refresh_token: tokens.refreshToken, access_token: saved.access_token } });
  });

  it('serves a comma list of projects as one virtual credential per project sharing the token', async () => {
    const tokens = google.issueTokens('m@example.com');
    const engine = await start({ 'gemini-m@example.com-all.json': geminiFile('m@example.com', 'p1, p2', tokens.accessToken, tokens.refreshToken) }, { routing: { strategy: 'round-robin' } });
    await expect.poll(() => engine.engine.status().accounts).toBeGreaterThanOrEqual(1);
    for (let index = 0; index < 2; index += 1) await openai(engine).chat.completions.create({ model: 'gemini-2.5-pro', messages: [{ role: 'user', content: 'Hi' }] });
    const projects = google.modelCalls().map((call) => (call.body as { project?: string }).project);
    expect(new Set(projects)).toEqual(new Set(['p1', 'p2']));
    expect(new Set(google.modelCalls().map((call) => call.headers.authorization))).toEqual(new Set([`Bearer ${tokens.accessToken}`]));
  });
});
