import { describe, expect, it } from 'vitest';
import { convertOpenAIChatUsage, convertUsageToOpenAIChat } from './convert-openai-chat-usage';

describe('convertOpenAIChatUsage (upstream -> canonical)', () => {
  it('reads counts with cached and reasoning details', () => {
    expect(
      convertOpenAIChatUsage({
        prompt_tokens: 120,
        completion_tokens: 80,
        total_tokens: 200,
        prompt_tokens_details: { cached_tokens: 100 },
        completion_tokens_details: { reasoning_tokens: 50 },
      }),
    ).toEqual({ inputTokens: 120, outputTokens: 80, totalTokens: 200, cachedInputTokens: 100, reasoningTokens: 50 });
  });

  it('computes a missing total, accepts input/output names, and reads nothing as zeros', () => {
    expect(convertOpenAIChatUsage({ prompt_tokens: 3, completion_tokens: 4 })).toEqual({ inputTokens: 3, outputTokens: 4, totalTokens: 7 });
    expect(convertOpenAIChatUsage({ input_tokens: 5, output_tokens: 6 })).toEqual({ inputTokens: 5, outputTokens: 6, totalTokens: 11 });
    expect(convertOpenAIChatUsage(undefined)).toEqual({ inputTokens: 0, outputTokens: 0, totalTokens: 0 });
  });
});

describe('convertUsageToOpenAIChat (canonical -> client)', () => {
  it('writes the detail objects OpenAI always sends', () => {
    expect(convertUsageToOpenAIChat({ inputTokens: 22044, outputTokens: 4, totalTokens: 22048, cachedInputTokens: 22000, cacheCreationInputTokens: 31, reasoningTokens: 2 })).toEqual({
      prompt_tokens: 22044,
      completion_tokens: 4,
      total_tokens: 22048,
      prompt_tokens_details: { cached_tokens: 22000 },
      completion_tokens_details: { reasoning_tokens: 2 },
    });
    expect(convertUsageToOpenAIChat({ inputTokens: 1, outputTokens: 2, totalTokens: 3 })).toEqual({
      prompt_tokens: 1,
      completion_tokens: 2,
      total_tokens: 3,
      prompt_tokens_details: { cached_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0 },
    });
  });
});
