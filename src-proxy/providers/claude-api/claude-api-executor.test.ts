import { describe, expect, it } from 'vitest';
import { testCredential } from '../../routing/test-credential.fixture';
import type { UpstreamCall } from '../provider-definition';
import { buildClaudeApiRequest } from './claude-api-executor';

const call: UpstreamCall = { operation: 'generate', model: 'claude-sonnet-4-6', stream: false };
const cloak = { sessionId: 'session-uuid', requestId: 'request-uuid' };
const clientHeaders = { 'user-agent': 'Anthropic/JS 0.60.0', 'anthropic-version': '2023-01-01', 'anthropic-beta': 'files-api-2025-04-14, claude-code-20250219' };

function credential(baseUrl: string) {
  return testCredential({ id: 'c', provider: 'claude-api', baseUrl, apiKey: 'sk-ant-test', headers: { 'X-Extra': 'yes' } });
}

describe('buildClaudeApiRequest', () => {
  it('passes the client headers through when not cloaked', () => {
    const built = buildClaudeApiRequest(credential('https://api.anthropic.com'), call, '{}', clientHeaders);
    expect(built.url).toBe('https://api.anthropic.com/v1/messages');
    expect(built.headers).toMatchObject({
      'user-agent': 'Anthropic/JS 0.60.0',
      'anthropic-version': '2023-01-01',
      'anthropic-beta': 'files-api-2025-04-14, claude-code-20250219',
      'x-api-key': 'sk-ant-test',
      'x-extra': 'yes',
    });
    expect(built.headers['x-app']).toBeUndefined();
  });

  it('sends Claude Code identity headers for a cloaked body, betas led by claude-code-20250219', () => {
    const built = buildClaudeApiRequest(credential('https://api.anthropic.com'), { ...call, cloak }, '{}', clientHeaders);
    expect(built.headers).toMatchObject({
      'user-agent': 'claude-cli/2.1.220 (external, cli)',
      'x-app': 'cli',
      'anthropic-version': '2023-06-01',
      'anthropic-beta': 'claude-code-20250219,interleaved-thinking-2025-05-14,files-api-2025-04-14',
      'anthropic-dangerous-direct-browser-access': 'true',
      'x-stainless-lang': 'js',
      'x-stainless-package-version': '0.94.0',
      'x-stainless-timeout': '600',
      'x-claude-code-session-id': 'session-uuid',
      'x-client-request-id': 'request-uuid',
      'x-api-key': 'sk-ant-test',
      'x-extra': 'yes',
    });
  });

  it('sends x-client-request-id only to api.anthropic.com, and no stainless timeout on count_tokens', () => {
    const built = buildClaudeApiRequest(credential('https://gateway.example.com'), { ...call, operation: 'count-tokens', cloak }, '{}', {});
    expect(built.url).toBe('https://gateway.example.com/v1/messages/count_tokens');
    expect(built.headers.authorization).toBe('Bearer sk-ant-test');
    expect(built.headers['x-client-request-id']).toBeUndefined();
    expect(built.headers['x-stainless-timeout']).toBeUndefined();
    expect(built.headers['anthropic-beta']).toBe('claude-code-20250219,interleaved-thinking-2025-05-14');
  });
});
