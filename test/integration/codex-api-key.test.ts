import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeResponsesUpstream, type FakeResponsesUpstream } from '../fakes/fake-responses-upstream';
import { startTestEngine, testClientKey, type TestEngine } from './start-test-engine';

/**
 * `codex-api-key` accounts against a strict Codex backend fake (it refuses what chatgpt.com/backend-api/codex
 * refuses): the body rules and API-key headers, from every client protocol, stream and not, with reasoning.
 * The official SDKs as clients over the same upstream: sdk-matrix/ (`via-responses`).
 */
let upstream: FakeResponsesUpstream;
let proxy: TestEngine;

beforeAll(async () => {
  // One text delta per stream, so every client protocol's stream carries the answer in one piece.
  upstream = await startFakeResponsesUpstream({ name: 'codex-key', strictCodex: true, chunks: 1 });
  proxy = await startTestEngine({
    'codex-api-key': [{ 'api-key': 'sk-codex-key', 'base-url': upstream.codexBaseUrl, models: [{ name: 'gpt-5.4', alias: 'codex-key' }] }],
    'codex-header-defaults': { 'user-agent': 'codex-tui/9.9.9 (login only)' },
  });
});
afterAll(async () => {
  await proxy?.close();
  await upstream?.close();
});
beforeEach(() => upstream.reset());

type Protocol = 'openai chat' | 'openai responses' | 'anthropic' | 'gemini';

/** One request per protocol, with the fields a plain client sends that the Codex backend refuses, and reasoning on. */
function clientRequest(protocol: Protocol, stream: boolean): { path: string; body: Record<string, unknown>; headers: Record<string, string> } {
  const auth = { authorization: `Bearer ${testClientKey}` };
  switch (protocol) {
    case 'openai chat':
      return { path: '/v1/chat/completions', headers: auth, body: { model: 'codex-key', stream, temperature: 0.2, top_p: 0.9, max_completion_tokens: 300, user: 'u-1', reasoning_effort: 'high', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hi' }] } };
    case 'openai responses':
      return { path: '/v1/responses', headers: auth, body: { model: 'codex-key', stream, store: true, temperature: 0.2, max_output_tokens: 300, truncation: 'auto', instructions: 'Be brief.', reasoning: { effort: 'high', summary: 'auto' }, input: [{ role: 'system', content: 'Sys' }, { role: 'user', content: 'Hi' }] } };
    case 'anthropic':
      return { path: '/v1/messages', headers: { 'x-api-key': testClientKey, 'anthropic-version': '2023-06-01' }, body: { model: 'codex-key', stream, max_tokens: 4000, temperature: 1, system: 'Be brief.', thinking: { type: 'enabled', budget_tokens: 2048 }, messages: [{ role: 'user', content: 'Hi' }] } };
    case 'gemini':
      return {
        path: `/v1beta/models/codex-key:${stream ? 'streamGenerateContent?alt=sse' : 'generateContent'}`,
        headers: { 'x-goog-api-key': testClientKey },
        body: { systemInstruction: { parts: [{ text: 'Be brief.' }] }, contents: [{ role: 'user', parts: [{ text: 'Hi' }] }], generationConfig: { temperature: 0.3, maxOutputTokens: 300, thinkingConfig: { thinkingBudget: 2048, includeThoughts: true } } },
      };
    default: {
      const unknown: never = protocol;
      throw new Error(String(unknown));
    }
  }
}

async function send(protocol: Protocol, stream: boolean): Promise<{ status: number; text: string }> {
  const { path, body, headers } = clientRequest(protocol, stream);
  const response = await fetch(`${proxy.origin}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: response.status, text: await response.text() };
}

const protocols: Protocol[] = ['openai chat', 'openai responses', 'anthropic', 'gemini'];

describe('codex-api-key accounts follow the Codex backend rules', () => {
  describe.each(protocols)('%s client', (protocol) => {
    it.each([false, true])('is served by a strict Codex backend (stream %s), with reasoning and without the refused fields', async (stream) => {
      const reply = await send(protocol, stream);
      expect(reply.status, reply.text).toBe(200);
      expect(reply.text).toContain('Hello from codex-key');
      // The fake's reasoning summary ("Considering the request.", a delta per word in a stream) reaches the client in its own shape.
      expect(reply.text).toContain('Considering');
      expect(upstream.requests).toHaveLength(1);
      const sent = upstream.requests[0]?.body as Record<string, unknown>;
      expect(sent).toMatchObject({ model: 'gpt-5.4', stream: true, store: false, include: ['reasoning.encrypted_content'], reasoning: { effort: expect.any(String) } });
      expect(typeof sent.instructions).toBe('string');
      for (const field of ['temperature', 'top_p', 'max_output_tokens', 'max_completion_tokens', 'user', 'truncation']) expect(sent[field], field).toBeUndefined();
    });
  });

  it('sends the API-key headers: Bearer key and Session-Id, no Originator or ChatGPT account, the client user agent', async () => {
    const reply = await send('openai responses', false);
    expect(reply.status).toBe(200);
    const sent = upstream.requests[0];
    const body = sent?.body as Record<string, unknown>;
    expect(sent?.path).toBe('/backend-api/codex/responses');
    expect(sent?.headers).toMatchObject({ authorization: 'Bearer sk-codex-key', accept: 'text/event-stream', 'session-id': body.prompt_cache_key });
    expect(sent?.headers.originator).toBeUndefined();
    expect(sent?.headers['chatgpt-account-id']).toBeUndefined();
    // codex-header-defaults shape ChatGPT logins only; fetch's own user agent passes through.
    expect(sent?.headers['user-agent']).toBe('node');
  });

  it('passes Codex CLI identity headers through and answers a non-stream Responses client with the assembled response', async () => {
    const response = await fetch(`${proxy.baseUrl}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${testClientKey}`, originator: 'codex_cli_rs', 'user-agent': 'codex_cli_rs/0.150.0', version: '0.150.0' },
      body: JSON.stringify({ model: 'codex-key', input: 'Hi', prompt_cache_key: 'thread-1' }),
    });
    const json = (await response.json()) as Record<string, unknown>;
    expect(json).toMatchObject({ object: 'response', status: 'completed', output: [{ type: 'message', content: [{ type: 'output_text', text: 'Hello from codex-key' }] }] });
    expect(upstream.requests[0]?.headers).toMatchObject({ originator: 'codex_cli_rs', 'user-agent': 'codex_cli_rs/0.150.0', version: '0.150.0', 'session-id': 'thread-1' });
  });
});
