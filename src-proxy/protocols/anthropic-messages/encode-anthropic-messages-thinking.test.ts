import { describe, expect, it } from 'vitest';
import type { CanonicalRequest } from '../../canonical/index';
import { createTestContext } from './anthropic-test-context';
import { encodeAnthropicMessagesRequest } from './encode-anthropic-messages-request';
import { defaultThinkingStyle } from './encode-anthropic-messages-thinking';

const base = (extra: Partial<CanonicalRequest> = {}): CanonicalRequest => ({
  model: 'claude-sonnet-4-5',
  system: [],
  messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
  tools: [],
  stream: false,
  ...extra,
});
const encode = (extra: Partial<CanonicalRequest> = {}, style?: 'adaptive' | 'budget') =>
  encodeAnthropicMessagesRequest(base(extra), createTestContext(), style ? { thinkingStyle: style } : {});
const text = (value: string) => ({ type: 'text' as const, text: value });
const weatherTool = { name: 'get_weather', inputSchema: { type: 'object', properties: { city: { type: 'string' } } } };

describe('encodeAnthropicMessagesRequest: reasoning', () => {
  it('replays only Anthropic-signed reasoning', () => {
    const { value, warnings } = encode({
      messages: [
        { role: 'user', content: [text('q')] },
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', text: 'mine', signature: 'sigA', signatureFormat: 'anthropic' },
            { type: 'reasoning', text: '', redacted: true, signature: 'enc', signatureFormat: 'anthropic' },
            { type: 'reasoning', text: 'gemini', signature: 'sigG', signatureFormat: 'gemini' },
            { type: 'reasoning', text: 'plain' },
            text('answer'),
          ],
        },
      ],
    });
    expect((value['messages'] as unknown[])[1]).toEqual({
      role: 'assistant',
      content: [
        { type: 'thinking', thinking: 'mine', signature: 'sigA' },
        { type: 'redacted_thinking', data: 'enc' },
        text('answer'),
      ],
    });
    expect(warnings.map((warning) => warning.field)).toEqual(['messages[1].content[2]', 'messages[1].content[3]']);
  });

  it('sends a budget, a 32000 default max_tokens and drops temperature/top_k with thinking', () => {
    const { value, warnings } = encode({ reasoning: { budgetTokens: 4096 }, temperature: 0.5, topK: 3, topP: 0.97 });
    expect(value).toMatchObject({ thinking: { type: 'enabled', budget_tokens: 4096 }, max_tokens: 32000, top_p: 0.97 });
    expect(value['temperature']).toBeUndefined();
    expect(value['top_k']).toBeUndefined();
    expect(warnings.map((warning) => warning.field)).toEqual(['temperature', 'topK']);
  });

  it('keeps the client max_tokens and reduces the budget below it', () => {
    const { value, warnings } = encode({ reasoning: { budgetTokens: 8000 }, maxOutputTokens: 4000 });
    expect(value).toMatchObject({ max_tokens: 4000, thinking: { type: 'enabled', budget_tokens: 3999 } });
    expect(warnings[0]?.field).toBe('reasoning.budgetTokens');
  });

  it('raises a small budget to 1024 and drops thinking that cannot fit', () => {
    expect(encode({ reasoning: { budgetTokens: 100 } }).value['thinking']).toEqual({ type: 'enabled', budget_tokens: 1024 });
    const tiny = encode({ reasoning: { budgetTokens: 2000 }, maxOutputTokens: 500, temperature: 1 });
    expect(tiny.value['thinking']).toBeUndefined();
    expect(tiny.value['temperature']).toBe(1);
  });

  it('maps levels to budgets on older models and to adaptive effort on 4.6+', () => {
    expect(encode({ reasoning: { effort: 'high' } }).value['thinking']).toEqual({ type: 'enabled', budget_tokens: 24576 });
    expect(encode({ reasoning: { effort: 'auto' } }).value['thinking']).toEqual({ type: 'enabled', budget_tokens: 8192 });
    const adaptive = encodeAnthropicMessagesRequest(
      base({ model: 'claude-opus-4-6', reasoning: { effort: 'minimal', includeThoughts: false } }),
      createTestContext(),
    ).value;
    expect(adaptive).toMatchObject({ thinking: { type: 'adaptive', display: 'omitted' }, output_config: { effort: 'low' }, max_tokens: 32000 });
    expect(encode({ reasoning: { effort: 'auto' } }, 'adaptive').value['output_config']).toBeUndefined();
    expect(encode({ reasoning: { effort: 'xhigh' } }, 'adaptive').value['output_config']).toEqual({ effort: 'xhigh' });
    expect(encode({ reasoning: { budgetTokens: 10000 } }, 'adaptive').value).toMatchObject({
      thinking: { type: 'adaptive' },
      output_config: { effort: 'high' },
    });
  });

  it('disables thinking for none / zero budget and drops it for a forced tool choice', () => {
    expect(encode({ reasoning: { effort: 'none' } }).value['thinking']).toEqual({ type: 'disabled' });
    expect(encode({ reasoning: { budgetTokens: 0 } }).value['thinking']).toEqual({ type: 'disabled' });
    const forced = encode({ reasoning: { budgetTokens: 2048 }, tools: [weatherTool], toolChoice: { type: 'required' }, temperature: 0.1 });
    expect(forced.value['thinking']).toBeUndefined();
    expect(forced.value['temperature']).toBe(0.1);
    expect(forced.warnings[0]?.field).toBe('reasoning');
  });

  it('decides the thinking style from the model id', () => {
    expect(defaultThinkingStyle('claude-opus-4-6')).toBe('adaptive');
    expect(defaultThinkingStyle('claude-sonnet-4-6-20260101')).toBe('adaptive');
    expect(defaultThinkingStyle('claude-opus-5')).toBe('adaptive');
    expect(defaultThinkingStyle('claude-sonnet-4-5-20250929')).toBe('budget');
    expect(defaultThinkingStyle('claude-opus-4-20250514')).toBe('budget');
    expect(defaultThinkingStyle('claude-3-7-sonnet-latest')).toBe('budget');
  });
});
