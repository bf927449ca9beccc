import { describe, expect, it } from 'vitest';
import { readCodexUsageLimit } from '../../routing/codex-usage-limit';
import { classifyFailure } from '../../routing/classify-failure';
import { testCredential } from '../../routing/test-credential.fixture';
import { assembleCodexResponse } from './assemble-codex-response';
import { buildCodexRequest, codexUserAgent } from './codex-executor';
import { prepareCodexBody } from './prepare-codex-body';

const sse = (events: Array<Record<string, unknown>>) => events.map((event) => `event: ${String(event.type)}\ndata: ${JSON.stringify(event)}\n\n`).join('');
const context = { operation: 'generate' as const, clientWire: 'openai-chat' as const, clientBody: {}, generateId: (prefix: string) => `${prefix}0123456789abcdef0123456789abcdef` };

describe('Codex executor', () => {
  it('sends the Codex executor headers (docs/providers.md#codex-executor): Bearer, account id, Codex UA and Originator, Session-Id, client pass-throughs, file headers last', () => {
    const credential = testCredential({ id: 'c', provider: 'codex', baseUrl: 'https://chatgpt.com/backend-api/codex', apiKey: 'tok', headers: { 'X-Team': 'blue' } });
    const request = buildCodexRequest(
      { ...credential, oauth: { accessToken: async () => 'tok', refreshAfterUnauthorized: async () => 'tok', deviceId: '', accountUuid: '', accountId: 'acct-1' } },
      { operation: 'generate', model: 'gpt-5.5', stream: false, cloak: { sessionId: 'sess-1', requestId: 'r' } },
      '{}',
      { 'user-agent': 'my-client/1.0', version: '0.146.0', 'x-codex-turn-metadata': 'm', 'x-unrelated': 'no' },
    );
    expect(request.url).toBe('https://chatgpt.com/backend-api/codex/responses');
    expect(request.headers).toMatchObject({
      authorization: 'Bearer tok',
      accept: 'text/event-stream',
      'chatgpt-account-id': 'acct-1',
      originator: 'codex-tui',
      'user-agent': codexUserAgent,
      'session-id': 'sess-1',
      version: '0.146.0',
      'x-codex-turn-metadata': 'm',
      'x-team': 'blue',
    });
    expect(request.headers['x-unrelated']).toBeUndefined();
  });

  it('sends a codex-api-key the API-key identity: no account header, the client Originator and User-Agent only, codex-header-defaults ignored', () => {
    const credential = testCredential({ id: 'k', provider: 'codex-api', baseUrl: 'https://relay.example/backend-api/codex', apiKey: 'sk-key', headerDefaults: { 'user-agent': 'login-only' } });
    const call = { operation: 'generate' as const, model: 'gpt-5.5', stream: false, cloak: { sessionId: 'sess-2', requestId: 'r' } };
    const bare = buildCodexRequest(credential, call, '{}', {});
    expect(bare.url).toBe('https://relay.example/backend-api/codex/responses');
    expect(bare.headers).toMatchObject({ authorization: 'Bearer sk-key', accept: 'text/event-stream', 'user-agent': codexUserAgent, 'session-id': 'sess-2' });
    expect(bare.headers.originator).toBeUndefined();
    expect(bare.headers['chatgpt-account-id']).toBeUndefined();
    const fromCli = buildCodexRequest(credential, call, '{}', { 'user-agent': 'codex_cli_rs/0.150.0', originator: 'codex_cli_rs' });
    expect(fromCli.headers).toMatchObject({ 'user-agent': 'codex_cli_rs/0.150.0', originator: 'codex_cli_rs' });
  });

  it('sends a compaction to {base}/responses/compact for JSON, without stream and with instructions, keeping the rest of the body', () => {
    const body: Record<string, unknown> = { model: 'gpt-5.5', stream: false, input: [{ type: 'compaction', encrypted_content: 'x' }], temperature: 1 };
    const mark = prepareCodexBody(body, testCredential({ id: 'c', provider: 'codex' }), {}, { ...context, operation: 'compact' });
    expect(body).toEqual({ model: 'gpt-5.5', input: [{ type: 'compaction', encrypted_content: 'x' }], temperature: 1, instructions: '', prompt_cache_key: mark.cloak?.sessionId });
    const credential = testCredential({ id: 'k', provider: 'codex-api', baseUrl: 'https://chatgpt.com/backend-api/codex', apiKey: 'sk' });
    const request = buildCodexRequest(credential, { operation: 'compact', model: 'gpt-5.5', stream: false, cloak: mark.cloak }, JSON.stringify(body), {});
    expect(request.url).toBe('https://chatgpt.com/backend-api/codex/responses/compact');
    expect(request.headers).toMatchObject({ accept: 'application/json', 'session-id': mark.cloak?.sessionId });
  });

  it('forces stream/store/include, keeps instructions present, drops rejected fields, system -> developer, keeps a client prompt_cache_key', () => {
    const body: Record<string, unknown> = { model: 'gpt-5.5', input: [{ role: 'system', content: 'S' }, { role: 'user', content: 'U' }], max_output_tokens: 10, temperature: 1, service_tier: 'flex', stream: false, prompt_cache_key: 'pk' };
    const mark = prepareCodexBody(body, testCredential({ id: 'c', provider: 'codex' }), {}, context);
    expect(body).toMatchObject({ stream: true, store: false, parallel_tool_calls: true, include: ['reasoning.encrypted_content'], instructions: '', prompt_cache_key: 'pk' });
    expect(body.input).toEqual([{ role: 'developer', content: 'S' }, { role: 'user', content: 'U' }]);
    for (const field of ['max_output_tokens', 'temperature', 'service_tier']) expect(body[field]).toBeUndefined();
    expect(mark.cloak?.sessionId).toBe('pk');
    const priority: Record<string, unknown> = { service_tier: 'priority', instructions: 'keep' };
    prepareCodexBody(priority, testCredential({ id: 'c', provider: 'codex' }), {}, context);
    expect(priority).toMatchObject({ service_tier: 'priority', instructions: 'keep' });
    expect(priority.prompt_cache_key).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('assembleCodexResponse', () => {
  const item = { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Hi', annotations: [] }] };
  it('returns the completed response, filling an empty output from output_item.done', () => {
    const result = assembleCodexResponse(sse([
      { type: 'response.created', response: { id: 'r1', status: 'in_progress' } },
      { type: 'response.output_item.done', output_index: 0, item },
      { type: 'response.completed', response: { id: 'r1', status: 'completed', output: [], usage: { input_tokens: 1, output_tokens: 1, total_tokens: 2 } } },
    ]));
    expect(result.ok && JSON.parse(result.body)).toMatchObject({ id: 'r1', status: 'completed', output: [item] });
  });
  it('maps failures by type or code and a truncated stream to 408', () => {
    const failed = assembleCodexResponse(sse([{ type: 'response.failed', response: { error: { code: 'rate_limit_exceeded', message: 'slow down' } } }]));
    expect(failed).toMatchObject({ ok: false, status: 429, message: 'slow down' });
    expect(assembleCodexResponse(sse([{ type: 'error', error: { type: 'invalid_request_error', message: 'bad' } }]))).toMatchObject({ ok: false, status: 400 });
    expect(assembleCodexResponse(sse([{ type: 'response.created', response: {} }]))).toMatchObject({ ok: false, status: 408, message: 'stream closed before response.completed' });
  });
});

describe('usage_limit_reached', () => {
  it('cools the whole account until resets_at (or resets_in_seconds)', () => {
    const now = Date.now();
    const body = JSON.stringify({ error: { type: 'usage_limit_reached', message: 'limit', resets_at: Math.floor(now / 1000) + 7200 } });
    expect(readCodexUsageLimit(body, now)?.waitMs).toBeGreaterThan(7_100_000);
    expect(readCodexUsageLimit(JSON.stringify({ error: { type: 'usage_limit_reached', resets_in_seconds: 60 } }), now)).toEqual({ waitMs: 60_000 });
    expect(readCodexUsageLimit(JSON.stringify({ error: { type: 'rate_limit_exceeded' } }), now)).toBeUndefined();
    const verdict = classifyFailure({ status: 429, body, retryAfter: undefined }, 0, 60);
    expect(verdict).toMatchObject({ rotate: true, scope: 'credential', reason: 'quota' });
    expect(verdict.cooldownMs).toBeGreaterThan(7_100_000);
  });
});
