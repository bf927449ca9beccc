import { describe, expect, it } from 'vitest';
import { testCredential } from '../../routing/test-credential.fixture';
import { buildClaudeOAuthRequest } from './claude-executor';

const credential = testCredential({ id: 'c', provider: 'claude', baseUrl: 'https://api.anthropic.com', apiKey: 'sk-ant-oat01-x', headers: { 'X-Team': 'blue' } });

describe('buildClaudeOAuthRequest', () => {
  it('sends the minimum of docs/providers.md#claude-betas: Bearer token, 2023-06-01, claude-code + oauth betas, claude-cli UA', () => {
    const request = buildClaudeOAuthRequest(credential, { operation: 'generate', model: 'claude-sonnet-4-6', stream: true }, '{}', { 'anthropic-beta': 'oauth-2025-04-20,files-api-2025-04-14' });
    expect(request.url).toBe('https://api.anthropic.com/v1/messages?beta=true');
    expect(request.headers).toMatchObject({
      authorization: 'Bearer sk-ant-oat01-x',
      'anthropic-version': '2023-06-01',
      'anthropic-beta': 'claude-code-20250219,oauth-2025-04-20,interleaved-thinking-2025-05-14,files-api-2025-04-14',
      'x-app': 'cli',
      'x-team': 'blue',
    });
    expect(request.headers['user-agent']).toMatch(/^claude-cli\//);
    expect(request.headers['x-api-key']).toBeUndefined();
  });

  it('adds the session headers of a cloaked body and keeps a native Claude Code user agent', () => {
    const cloaked = buildClaudeOAuthRequest(credential, { operation: 'generate', model: 'm', stream: false, cloak: { sessionId: 's-1', requestId: 'r-1' } }, '{}', {});
    expect(cloaked.headers).toMatchObject({ 'x-claude-code-session-id': 's-1', 'x-client-request-id': 'r-1' });
    const native = buildClaudeOAuthRequest(credential, { operation: 'count-tokens', model: 'm', stream: false }, '{}', { 'user-agent': 'claude-cli/9.9.9 (external, cli)' });
    expect(native.headers['user-agent']).toBe('claude-cli/9.9.9 (external, cli)');
    expect(native.url).toBe('https://api.anthropic.com/v1/messages/count_tokens?beta=true');
  });

  it('lets claude-header-defaults replace the fingerprint; count_tokens has no x-stainless-timeout', () => {
    const configured = { ...credential, headerDefaults: { 'user-agent': 'claude-cli/9.1.0 (external, cli)', 'x-stainless-os': 'Linux', 'x-stainless-timeout': '300' } };
    const generate = buildClaudeOAuthRequest(configured, { operation: 'generate', model: 'm', stream: false, cloak: { sessionId: 's', requestId: 'r' } }, '{}', {});
    expect(generate.headers).toMatchObject({ 'user-agent': 'claude-cli/9.1.0 (external, cli)', 'x-stainless-os': 'Linux', 'x-stainless-arch': 'arm64', 'x-stainless-timeout': '300' });
    const count = buildClaudeOAuthRequest(configured, { operation: 'count-tokens', model: 'm', stream: false }, '{}', {});
    expect(count.headers).toMatchObject({ 'user-agent': 'claude-cli/9.1.0 (external, cli)', 'x-stainless-os': 'Linux' });
    expect(count.headers['x-stainless-timeout']).toBeUndefined();
  });
});
