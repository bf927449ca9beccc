import { describe, expect, it } from 'vitest';
import type { RequestSummary } from '../../src-shared/control/usage-types';
import { mergeRecentRequests } from './merge-recent-requests';

const request = (id: string, at: number): RequestSummary => ({
  id,
  at,
  route: '/v1/chat/completions',
  clientProtocol: 'openai-chat',
  clientKey: null,
  provider: 'claude',
  account: 'a@example.com',
  model: 'claude-sonnet-4-6',
  upstreamModel: 'claude-sonnet-4-6',
  stream: false,
  status: 200,
  latencyMs: 120,
  ttfbMs: null,
  attempts: 1,
  inputTokens: 10,
  outputTokens: 5,
  cachedTokens: 0,
  reasoningTokens: 0,
  error: null,
});

describe('mergeRecentRequests', () => {
  it('puts new requests first, keeps each id once and caps the list', () => {
    const known = [request('b', 20), request('a', 10)];
    const merged = mergeRecentRequests(known, [request('c', 30), request('b', 20)], 2);
    expect(merged.map((each) => each.id)).toEqual(['c', 'b']);
  });

  it('orders by arrival even when a slow request finishes after a fast later one', () => {
    const merged = mergeRecentRequests([request('fast', 50)], [request('slow', 40)], 10);
    expect(merged.map((each) => each.id)).toEqual(['fast', 'slow']);
  });
});
