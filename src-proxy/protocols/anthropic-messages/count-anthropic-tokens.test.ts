import { describe, expect, it } from 'vitest';
import type { CanonicalRequest } from '../../canonical/index';
import { createTestContext } from './anthropic-test-context';
import {
  countAnthropicTokens,
  decodeAnthropicCountTokensRequest,
  decodeAnthropicCountTokensResponse,
  encodeAnthropicCountTokensRequest,
  encodeAnthropicCountTokensResponse,
  estimateAnthropicInputTokens,
  IMAGE_TOKENS,
  MESSAGE_OVERHEAD_TOKENS,
  TOOL_USE_SYSTEM_TOKENS,
} from './count-anthropic-tokens';

const request = (extra: Partial<CanonicalRequest> = {}): CanonicalRequest => ({
  model: 'claude-sonnet-4-5',
  system: [],
  messages: [],
  tools: [],
  stream: false,
  ...extra,
});

describe('estimateAnthropicInputTokens', () => {
  it('counts about four characters per token plus per-message overhead', () => {
    const estimate = estimateAnthropicInputTokens(
      request({ system: [{ type: 'text', text: 'x'.repeat(40) }], messages: [{ role: 'user', content: [{ type: 'text', text: 'y'.repeat(40) }] }] }),
    );
    expect(estimate).toBe(20 + MESSAGE_OVERHEAD_TOKENS);
  });

  it('counts tool calls, results, reasoning, images and tool definitions', () => {
    const tool = { name: 'get_weather', description: 'Weather', inputSchema: { type: 'object' } };
    const estimate = estimateAnthropicInputTokens(
      request({
        tools: [tool],
        messages: [
          { role: 'user', content: [{ type: 'image', source: { kind: 'url', url: 'https://x.test/a.png' } }] },
          {
            role: 'assistant',
            content: [
              { type: 'reasoning', text: 'abcd' },
              { type: 'tool-call', id: 'id', name: 'nm', arguments: '{}' },
            ],
          },
          { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'id', content: [{ type: 'text', text: 'abcdefgh' }] }] },
        ],
      }),
    );
    const chars = 'get_weather'.length + 'Weather'.length + JSON.stringify(tool.inputSchema).length + 4 + 6 + 2 + 8;
    expect(estimate).toBe(Math.ceil(chars / 4) + 3 * MESSAGE_OVERHEAD_TOKENS + IMAGE_TOKENS + TOOL_USE_SYSTEM_TOKENS);
  });

  it('counts a decoded count_tokens body (no max_tokens needed)', () => {
    const { value } = decodeAnthropicCountTokensRequest(
      { model: 'claude-sonnet-4-5', messages: [{ role: 'user', content: 'Hello, world' }] },
      createTestContext(),
    );
    expect(encodeAnthropicCountTokensResponse(estimateAnthropicInputTokens(value))).toEqual({ input_tokens: 3 + MESSAGE_OVERHEAD_TOKENS });
    expect(countAnthropicTokens(value)).toEqual({ input_tokens: 3 + MESSAGE_OVERHEAD_TOKENS });
  });
});

describe('count_tokens against an Anthropic upstream', () => {
  it('encodes the body without the fields count_tokens rejects', () => {
    const { value, warnings } = encodeAnthropicCountTokensRequest(
      request({ messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }], temperature: 0.5, stream: true, reasoning: { budgetTokens: 2048 } }),
      createTestContext(),
    );
    expect(value).toEqual({
      model: 'claude-sonnet-4-5',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
      thinking: { type: 'enabled', budget_tokens: 2048 },
    });
    expect(warnings).toEqual([]);
  });

  it('reads the upstream count', () => {
    expect(decodeAnthropicCountTokensResponse({ input_tokens: 42 })).toBe(42);
    expect(decodeAnthropicCountTokensResponse({ tokens: 1 })).toBeUndefined();
  });
});
