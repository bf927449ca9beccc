import { describe, expect, it } from 'vitest';
import { extractSessionIds } from './extract-session-ids';

describe('extractSessionIds', () => {
  it('prefers the Claude Code session header over everything else', () => {
    const ids = extractSessionIds({ 'x-claude-code-session-id': 'cc-1', 'session-id': 'codex-1' }, { session_id: 'body' });
    expect(ids).toEqual({ primary: 'claude:cc-1' });
  });

  it("reads Claude Code's session from metadata.user_id, as JSON or as the legacy _session_ suffix", () => {
    expect(extractSessionIds({ 'session-id': 'x' }, { metadata: { user_id: '{"device_id":"d","session_id":"abc"}' } })).toEqual({ primary: 'claude:abc' });
    expect(extractSessionIds({}, { metadata: { user_id: 'user_1_account__session_0f-12' } })).toEqual({ primary: 'claude:0f-12' });
  });

  it.each([
    [{ 'session-id': 'v', 'x-session-id': 'w' }, 'codex:v'],
    [{ session_id: 'v', 'x-session-id': 'w' }, 'codex:v'],
    [{ 'x-session-id': 'v', 'x-session-affinity': 'w' }, 'header:v'],
    [{ 'x-session-affinity': 'v', 'x-client-request-id': 'w' }, 'affinity:v'],
    [{ 'x-client-request-id': 'v' }, 'clientreq:v'],
  ])('takes headers in order: %o -> %s', (headers, primary) => {
    expect(extractSessionIds(headers, { session_id: 'body' })).toEqual({ primary });
  });

  it('then body ids: session_id, prompt_cache_key (conversation as fallback), conversation, metadata.user_id, conversation_id', () => {
    expect(extractSessionIds({}, { sessionId: 's', prompt_cache_key: 'p' })).toEqual({ primary: 'session:s' });
    expect(extractSessionIds({}, { prompt_cache_key: 'p', conversation: { id: 'c' } })).toEqual({ primary: 'pck:p', fallback: 'conv:c' });
    expect(extractSessionIds({}, { conversation: 'c', metadata: { user_id: 'u' } })).toEqual({ primary: 'conv:c' });
    expect(extractSessionIds({}, { metadata: { user_id: 'u' }, conversation_id: 'c' })).toEqual({ primary: 'user:u' });
    expect(extractSessionIds({}, { conversation_id: 'c' })).toEqual({ primary: 'conv:c' });
  });

  it('ignores ids with control characters or over 256 characters', () => {
    expect(extractSessionIds({ 'x-session-id': 'a\u0001b' }, { session_id: 'x'.repeat(257) })).toBeNull();
  });

  it('hashes the first turn, so the second turn of the same conversation finds it as fallback', () => {
    const first = extractSessionIds({}, { messages: [{ role: 'system', content: 'be brief' }, { role: 'user', content: 'hi' }] });
    const second = extractSessionIds({}, {
      messages: [
        { role: 'system', content: 'be brief' },
        { role: 'user', content: [{ type: 'text', text: 'hi' }] },
        { role: 'assistant', content: 'hello' },
        { role: 'user', content: 'more' },
      ],
    });
    expect(first?.primary).toMatch(/^msg:[0-9a-f]{16}$/);
    expect(second?.fallback).toBe(first?.primary);
    expect(second?.primary).not.toBe(first?.primary);
  });

  it('hashes Gemini contents and Responses input too, and gives null for a body with no text', () => {
    const gemini = extractSessionIds({}, { contents: [{ role: 'user', parts: [{ text: 'hi' }] }] });
    const responses = extractSessionIds({}, { input: [{ role: 'user', content: [{ type: 'input_text', text: 'hi' }] }] });
    expect(gemini?.primary).toMatch(/^msg:/);
    expect(responses?.primary).toBe(gemini?.primary);
    expect(extractSessionIds({}, { model: 'x' })).toBeNull();
  });
});
