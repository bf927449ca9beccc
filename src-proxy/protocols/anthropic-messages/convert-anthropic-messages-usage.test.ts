import { describe, expect, it } from 'vitest';
import { convertAnthropicUsageToCanonical, convertCanonicalUsageToAnthropic, mergeAnthropicUsage } from './convert-anthropic-messages-usage';

describe('Anthropic usage conversion', () => {
  it('adds cache creation and cache reads into canonical input tokens (spec C5)', () => {
    const usage = { input_tokens: 13, output_tokens: 4, cache_read_input_tokens: 22000, cache_creation_input_tokens: 31 };
    expect(convertAnthropicUsageToCanonical(usage)).toEqual({
      inputTokens: 22044,
      outputTokens: 4,
      totalTokens: 22048,
      cachedInputTokens: 22000,
      cacheCreationInputTokens: 31,
    });
  });

  it('reads thinking tokens and tolerates missing usage', () => {
    expect(convertAnthropicUsageToCanonical({ input_tokens: 1, output_tokens: 9, output_tokens_details: { thinking_tokens: 7 } })).toEqual({
      inputTokens: 1,
      outputTokens: 9,
      totalTokens: 10,
      reasoningTokens: 7,
    });
    expect(convertAnthropicUsageToCanonical(undefined)).toEqual({ inputTokens: 0, outputTokens: 0, totalTokens: 0 });
  });

  it('subtracts cached tokens back out for Anthropic clients, never below zero', () => {
    expect(convertCanonicalUsageToAnthropic({ inputTokens: 22044, outputTokens: 4, cachedInputTokens: 22000, cacheCreationInputTokens: 31 })).toEqual({
      input_tokens: 13,
      output_tokens: 4,
      cache_creation_input_tokens: 31,
      cache_read_input_tokens: 22000,
    });
    expect(convertCanonicalUsageToAnthropic({ inputTokens: 5, cachedInputTokens: 9 })).toMatchObject({ input_tokens: 0, output_tokens: 0 });
  });

  it('round-trips', () => {
    const wire = { input_tokens: 3, output_tokens: 8, cache_creation_input_tokens: 5, cache_read_input_tokens: 7 };
    expect(convertCanonicalUsageToAnthropic(convertAnthropicUsageToCanonical(wire))).toEqual(wire);
  });

  it('merges stream usage: message_delta totals overwrite, absent ones keep', () => {
    const start = { input_tokens: 25, output_tokens: 1, cache_read_input_tokens: 4 };
    expect(mergeAnthropicUsage(start, { output_tokens: 15, input_tokens: null })).toEqual({ input_tokens: 25, output_tokens: 15, cache_read_input_tokens: 4 });
  });
});
