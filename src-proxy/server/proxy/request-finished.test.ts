import { describe, expect, it } from 'vitest';
import { createProxyInfo } from './proxy-info';
import { buildRequestFinished, firstLine, toRequestTokens } from './request-finished';

describe('toRequestTokens', () => {
  it('keeps a reported total and the cached/reasoning details', () => {
    expect(toRequestTokens({ inputTokens: 100, outputTokens: 20, totalTokens: 120, cachedInputTokens: 80, reasoningTokens: 5 })).toEqual({
      input: 100,
      output: 20,
      cached: 80,
      reasoning: 5,
      total: 120,
    });
  });

  it('a total of 0 becomes input + output + reasoning, then + cached (CPA token normalization)', () => {
    expect(toRequestTokens({ inputTokens: 3, outputTokens: 4, reasoningTokens: 2, totalTokens: 0 }).total).toBe(9);
    expect(toRequestTokens({ inputTokens: 0, outputTokens: 0, cachedInputTokens: 7, totalTokens: 0 }).total).toBe(7);
  });
});

describe('buildRequestFinished', () => {
  const end = { id: 'req-1', route: '/v1/messages', startedAt: 1_700_000_000_000, arrivedAt: 1000, clientProtocol: 'anthropic-messages', clientKey: 'key-0123abcd', status: 200 };

  it('takes the last credential, the upstream model, ttfb and tokens from what the pipeline noted', () => {
    const info = createProxyInfo('claude-x', true);
    Object.assign(info, {
      upstreamModel: 'gpt-up',
      credential: { id: 'cred-2', label: 'pool #2', provider: 'openai-compatible' },
      attempts: 2,
      firstByteAt: 1012.5,
      usage: () => ({ inputTokens: 5, outputTokens: 6, totalTokens: 11 }),
    });
    expect(buildRequestFinished(end, info, 1100)).toEqual({
      id: 'req-1',
      route: '/v1/messages',
      startedAt: end.startedAt,
      clientProtocol: 'anthropic-messages',
      clientKey: 'key-0123abcd',
      status: 200,
      provider: 'openai-compatible',
      credential: 'cred-2',
      accountLabel: 'pool #2',
      model: 'claude-x',
      upstreamModel: 'gpt-up',
      stream: true,
      latencyMs: 100,
      ttfbMs: 12.5,
      attempts: 2,
      tokens: { input: 5, output: 6, cached: 0, reasoning: 0, total: 11 },
      error: null,
    });
  });

  it('an aborted request without a noted error says the client closed it; nothing sent = no ttfb', () => {
    const event = buildRequestFinished({ ...end, status: 499 }, createProxyInfo('m', false), 1050);
    expect(event).toMatchObject({ status: 499, ttfbMs: null, tokens: null, credential: null, error: 'The client closed the connection.' });
  });

  it('firstLine keeps only the first line of a message', () => {
    expect(firstLine('Upstream returned 400: bad\nstack line')).toBe('Upstream returned 400: bad');
  });
});
