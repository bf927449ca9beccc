import type { RequestFinished } from '../runtime/request-finished';

/** A finished request with test defaults (a successful Claude call); tests override what they care about. */
export function testRequestFinished(overrides: Partial<RequestFinished> & { startedAt: number }): RequestFinished {
  return {
    id: `req-${overrides.startedAt}`,
    route: '/v1/chat/completions',
    clientProtocol: 'openai-chat',
    clientKey: 'key-1a2b3c4d',
    provider: 'claude',
    credential: 'claude-ann@example.com.json',
    accountLabel: 'ann@example.com',
    model: 'sonnet',
    upstreamModel: 'claude-sonnet-4-5',
    stream: true,
    status: 200,
    latencyMs: 1200.4,
    ttfbMs: 300.2,
    attempts: 1,
    tokens: { input: 100, output: 50, cached: 20, reasoning: 10, total: 150 },
    error: null,
    ...overrides,
  };
}
