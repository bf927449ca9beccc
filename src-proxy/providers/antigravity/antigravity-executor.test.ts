import { describe, expect, it } from 'vitest';
import { testCredential } from '../../routing/test-credential.fixture';
import type { BodyPreparationContext, UpstreamCall } from '../provider-definition';
import { buildAntigravityRequest, prepareAntigravityBody } from './antigravity-executor';

const credential = testCredential({ id: 'auth:a.json', provider: 'antigravity', baseUrl: 'https://daily.example', apiKey: 'ya29.token', headers: { 'X-Team': 'blue' } });
const call: UpstreamCall = { operation: 'generate', model: 'gemini-3-flash', stream: false, cloak: { sessionId: '-1', requestId: 'agent-r1' } };

function context(ids: string[] = []): BodyPreparationContext {
  let next = 0;
  return { operation: 'generate', clientWire: 'gemini', clientBody: {}, generateId: (prefix) => `${prefix}_${ids[next++] ?? 'x'}` };
}

function envelope(body: Record<string, unknown>, model = 'gemini-3-flash', stream = false): Record<string, unknown> {
  const built = buildAntigravityRequest({ ...credential, oauth: { accessToken: async () => '', refreshAfterUnauthorized: async () => '', deviceId: '', accountUuid: '', projectId: 'proj-1' } }, { ...call, model, stream }, JSON.stringify(body), {});
  return JSON.parse(built.body ?? '{}') as Record<string, unknown>;
}

describe('prepareAntigravityBody', () => {
  it("derives the session id from the first user text as CPA does (SHA-256's first 8 bytes, 63 bits), the same for every turn of a conversation", () => {
    const first = { contents: [{ role: 'user', parts: [{ text: 'Hi' }] }] };
    const later = { contents: [{ role: 'user', parts: [{ text: 'Hi' }] }, { role: 'model', parts: [{ text: 'Hello' }] }, { role: 'user', parts: [{ text: 'More' }] }] };
    const mark = prepareAntigravityBody(first, credential, {}, context());
    prepareAntigravityBody(later, credential, {}, context());
    expect(first).toMatchObject({ sessionId: '-3907417815613420147' });
    expect(later).toMatchObject({ sessionId: '-3907417815613420147' });
    expect(mark.cloak?.sessionId).toBe('-3907417815613420147');
  });

  it("keeps a client's session id; without user text draws one from the request's id source; request ids are UUID-shaped and differ", () => {
    const given = { sessionId: 'mine', contents: [{ role: 'user', parts: [{ text: 'Hi' }] }] };
    expect(prepareAntigravityBody(given, credential, {}, context()).cloak?.sessionId).toBe('mine');
    const a: Record<string, unknown> = { contents: [{ role: 'model', parts: [{ text: 'x' }] }] };
    const b: Record<string, unknown> = { contents: [] };
    const markA = prepareAntigravityBody(a, credential, {}, context(['s1', 'r1']));
    const markB = prepareAntigravityBody(b, credential, {}, context(['s2', 'r2']));
    expect(a.sessionId).toMatch(/^-\d+$/);
    expect(b.sessionId).toMatch(/^-\d+$/);
    expect(a.sessionId).not.toBe(b.sessionId);
    expect(markA.cloak?.requestId).toMatch(/^agent-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(markA.cloak?.requestId).not.toBe(markB.cloak?.requestId);
  });
});

describe('buildAntigravityRequest', () => {
  it("posts to the account's Cloud Code origin with the token, Antigravity's User-Agent and the file's headers", () => {
    const plain = buildAntigravityRequest(credential, call, '{"contents":[]}', {});
    expect(plain).toMatchObject({ method: 'POST', url: 'https://daily.example/v1internal:generateContent' });
    expect(plain.headers).toEqual({ 'content-type': 'application/json', authorization: 'Bearer ya29.token', 'user-agent': 'antigravity/hub/2.9.1 darwin/arm64', 'x-team': 'blue' });
    expect(buildAntigravityRequest(credential, { ...call, stream: true }, '{}', {}).url).toBe('https://daily.example/v1internal:streamGenerateContent?alt=sse');
  });

  it('wraps the Gemini body in the envelope without safetySettings, model or snake_case system instruction', () => {
    const body = { model: 'x', contents: [{ role: 'user', parts: [{ text: 'Hi' }] }], system_instruction: { parts: [{ text: 'S' }] }, safetySettings: [{ category: 'c', threshold: 't' }], sessionId: '-1' };
    expect(envelope(body)).toEqual({
      model: 'gemini-3-flash',
      userAgent: 'antigravity',
      requestType: 'agent',
      project: 'proj-1',
      requestId: 'agent-r1',
      request: { contents: [{ role: 'user', parts: [{ text: 'Hi' }] }], systemInstruction: { parts: [{ text: 'S' }] }, sessionId: '-1' },
    });
  });

  it("sets a Claude model's function calling to VALIDATED (keeping the rest) and keeps its maxOutputTokens; other models lose maxOutputTokens", () => {
    const body = { contents: [], toolConfig: { functionCallingConfig: { mode: 'AUTO', allowedFunctionNames: ['f'] } }, generationConfig: { maxOutputTokens: 300, temperature: 0.5 } };
    expect(envelope(body, 'claude-sonnet-4-6').request).toMatchObject({ toolConfig: { functionCallingConfig: { mode: 'VALIDATED', allowedFunctionNames: ['f'] } }, generationConfig: { maxOutputTokens: 300, temperature: 0.5 } });
    const gemini = envelope(body, 'gemini-3-flash').request as Record<string, unknown>;
    expect(gemini.generationConfig).toEqual({ temperature: 0.5 });
    expect(gemini.toolConfig).toEqual({ functionCallingConfig: { mode: 'AUTO', allowedFunctionNames: ['f'] } });
    expect(envelope({ contents: [] }, 'claude-opus-4-6-thinking').request).toEqual({ contents: [], toolConfig: { functionCallingConfig: { mode: 'VALIDATED' } } });
    expect(envelope({ contents: [], generationConfig: { maxOutputTokens: 128_000 } }, 'claude-opus-4-6-thinking').request).toMatchObject({ generationConfig: { maxOutputTokens: 64_000 } });
    expect(envelope({ contents: [] }).request).toEqual({ contents: [] });
  });
});
