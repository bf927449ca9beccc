import { describe, expect, it } from 'vitest';
import { isNativeClaudeCodeRequest, type ClientRequest } from './detect-claude-code-client';

const identity = "You are Claude Code, Anthropic's official CLI for Claude.";
const claudeCodeHeaders = { 'user-agent': 'claude-cli/2.1.220 (external, cli)' };

function request(overrides: Partial<ClientRequest>): ClientRequest {
  return {
    headers: claudeCodeHeaders,
    wire: 'anthropic-messages',
    body: { system: [{ type: 'text', text: identity }, { type: 'text', text: 'Rules...' }], messages: [] },
    operation: 'generate',
    ...overrides,
  };
}

describe('isNativeClaudeCodeRequest', () => {
  it('accepts the Claude Code user agent with the identity system block', () => {
    expect(isNativeClaudeCodeRequest(request({}))).toBe(true);
  });

  it('skips a leading billing block, accepts a string system and the Agent SDK variant', () => {
    const billing = { type: 'text', text: 'x-anthropic-billing-header: cc_version=2.1.220.abc; cc_entrypoint=cli; cch=00000;' };
    expect(isNativeClaudeCodeRequest(request({ body: { system: [billing, { type: 'text', text: identity }] } }))).toBe(true);
    expect(isNativeClaudeCodeRequest(request({ body: { system: `${identity}\nMore.` } }))).toBe(true);
    const sdk = "You are Claude Code, Anthropic's official CLI for Claude, running within the Claude Agent SDK.";
    expect(isNativeClaudeCodeRequest(request({ body: { system: [{ type: 'text', text: sdk }] } }))).toBe(true);
  });

  it('matches the user agent case-insensitively', () => {
    expect(isNativeClaudeCodeRequest(request({ headers: { 'user-agent': 'Claude-CLI/1.0.0' } }))).toBe(true);
  });

  it('rejects a copied user agent without the body fingerprint, and the fingerprint without the user agent', () => {
    expect(isNativeClaudeCodeRequest(request({ body: { system: 'You are a helpful assistant.' } }))).toBe(false);
    expect(isNativeClaudeCodeRequest(request({ body: { messages: [] } }))).toBe(false);
    expect(isNativeClaudeCodeRequest(request({ headers: { 'user-agent': 'Anthropic/JS 0.60.0' } }))).toBe(false);
    expect(isNativeClaudeCodeRequest(request({ headers: {} }))).toBe(false);
  });

  it('rejects an identity line that is not first', () => {
    expect(isNativeClaudeCodeRequest(request({ body: { system: [{ type: 'text', text: 'Be brief.' }, { type: 'text', text: identity }] } }))).toBe(false);
  });

  it('only counts Anthropic Messages clients', () => {
    expect(isNativeClaudeCodeRequest(request({ wire: 'openai-chat' }))).toBe(false);
  });

  it('accepts a count_tokens body without system (Claude Code sends none there)', () => {
    expect(isNativeClaudeCodeRequest(request({ operation: 'count-tokens', body: { messages: [] } }))).toBe(true);
    expect(isNativeClaudeCodeRequest(request({ operation: 'count-tokens', body: { system: 'Other', messages: [] } }))).toBe(false);
  });
});
