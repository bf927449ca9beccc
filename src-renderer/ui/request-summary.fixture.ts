import type { RequestSummary } from '../../src-shared/control/usage-types';

/** A finished request as the engine reports it (an OpenAI Chat call answered by a Claude login); override what a test is about. */
export function requestSummary(overrides: Partial<RequestSummary> & Pick<RequestSummary, 'id'>): RequestSummary {
  return {
    at: 1,
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
    ...overrides,
  };
}
