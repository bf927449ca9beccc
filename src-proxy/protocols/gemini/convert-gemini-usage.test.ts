import { describe, expect, it } from 'vitest';
import { decodeGeminiUsage, encodeGeminiUsage } from './convert-gemini-usage';

describe('Gemini usage', () => {
  it('decodes: output = candidates + thoughts, reasoning = thoughts, cached kept', () => {
    expect(decodeGeminiUsage({ promptTokenCount: 100, candidatesTokenCount: 20, thoughtsTokenCount: 30, cachedContentTokenCount: 60, totalTokenCount: 150 })).toEqual({
      inputTokens: 100,
      outputTokens: 50,
      cachedInputTokens: 60,
      reasoningTokens: 30,
      totalTokens: 150,
    });
  });

  it('decodes tool-use prompt tokens as input and sums a missing total', () => {
    expect(decodeGeminiUsage({ promptTokenCount: 10, toolUsePromptTokenCount: 5, candidatesTokenCount: 3 })).toEqual({ inputTokens: 15, outputTokens: 3, totalTokens: 18 });
  });

  it('decodes missing usage as zeros', () => {
    expect(decodeGeminiUsage(undefined)).toEqual({ inputTokens: 0, outputTokens: 0, totalTokens: 0 });
    expect(decodeGeminiUsage({ promptTokenCount: 10 })).toEqual({ inputTokens: 10, outputTokens: 0, totalTokens: 10 });
  });

  it('encodes: candidates exclude reasoning; zero details left out', () => {
    expect(encodeGeminiUsage({ inputTokens: 100, outputTokens: 50, reasoningTokens: 30, cachedInputTokens: 60, totalTokens: 150 })).toEqual({
      promptTokenCount: 100,
      candidatesTokenCount: 20,
      thoughtsTokenCount: 30,
      cachedContentTokenCount: 60,
      totalTokenCount: 150,
    });
    expect(encodeGeminiUsage({ inputTokens: 5, outputTokens: 2, totalTokens: 7, cacheCreationInputTokens: 3 })).toEqual({ promptTokenCount: 5, candidatesTokenCount: 2, totalTokenCount: 7 });
  });

  it('round-trips', () => {
    const metadata = { promptTokenCount: 12, candidatesTokenCount: 4, thoughtsTokenCount: 8, cachedContentTokenCount: 2, totalTokenCount: 24 };
    expect(encodeGeminiUsage(decodeGeminiUsage(metadata))).toEqual(metadata);
  });
});
