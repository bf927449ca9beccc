import { describe, expect, it } from 'vitest';
import type { CanonicalFinish } from '../../canonical/index';
import { convertOpenAIResponsesUsage, convertUsageToOpenAIResponses } from './convert-openai-responses-usage';
import { mapFinishReasonToOpenAIResponses, mapOpenAIResponsesFinishReason, type ResponsesTerminalState } from './map-openai-responses-finish-reason';

describe('mapOpenAIResponsesFinishReason (upstream -> canonical), every row', () => {
  it.each<[ResponsesTerminalState, CanonicalFinish]>([
    [{ status: 'completed', hasToolCalls: false }, { reason: 'stop', raw: 'completed' }],
    [{ status: 'completed', hasToolCalls: true }, { reason: 'tool-calls', raw: 'completed' }],
    [{ status: undefined, hasToolCalls: false }, { reason: 'stop', raw: 'completed' }],
    [{ status: 'incomplete', incompleteReason: 'max_output_tokens', hasToolCalls: true }, { reason: 'length', raw: 'max_output_tokens' }],
    [{ status: 'incomplete', incompleteReason: 'max_tokens', hasToolCalls: false }, { reason: 'length', raw: 'max_tokens' }],
    [{ status: 'incomplete', incompleteReason: 'content_filter', hasToolCalls: false }, { reason: 'content-filter', raw: 'content_filter' }],
    [{ status: 'incomplete', incompleteReason: 'something_new', hasToolCalls: false }, { reason: 'other', raw: 'something_new' }],
    [{ status: 'incomplete', hasToolCalls: false }, { reason: 'other', raw: 'incomplete' }],
    [{ status: 'failed', hasToolCalls: false }, { reason: 'error', raw: 'failed' }],
    [{ status: 'cancelled', hasToolCalls: false }, { reason: 'other', raw: 'cancelled' }],
    [{ status: 'in_progress', hasToolCalls: false }, { reason: 'other', raw: 'in_progress' }],
    [{ status: 'queued', hasToolCalls: false }, { reason: 'other', raw: 'queued' }],
  ])('%j -> %j', (state, expected) => {
    expect(mapOpenAIResponsesFinishReason(state)).toEqual(expected);
  });
});

describe('mapFinishReasonToOpenAIResponses (canonical -> client), every row', () => {
  it.each<[CanonicalFinish['reason'], ReturnType<typeof mapFinishReasonToOpenAIResponses>]>([
    ['stop', { status: 'completed' }],
    ['tool-calls', { status: 'completed' }],
    ['other', { status: 'completed' }],
    ['length', { status: 'incomplete', incompleteReason: 'max_output_tokens' }],
    ['content-filter', { status: 'incomplete', incompleteReason: 'content_filter' }],
    ['error', { status: 'failed' }],
  ])('%s -> %j', (reason, expected) => {
    expect(mapFinishReasonToOpenAIResponses({ reason })).toEqual(expected);
  });
});

describe('usage conversion', () => {
  it('reads every Responses usage field, including the Codex cache_write_tokens', () => {
    expect(
      convertOpenAIResponsesUsage({
        input_tokens: 100,
        input_tokens_details: { cached_tokens: 40, cache_write_tokens: 10 },
        output_tokens: 50,
        output_tokens_details: { reasoning_tokens: 30 },
        total_tokens: 150,
      }),
    ).toEqual({ inputTokens: 100, outputTokens: 50, cachedInputTokens: 40, cacheCreationInputTokens: 10, reasoningTokens: 30, totalTokens: 150 });
  });

  it('defaults missing usage to zeros and computes a missing total', () => {
    expect(convertOpenAIResponsesUsage(undefined)).toEqual({ inputTokens: 0, outputTokens: 0, totalTokens: 0 });
    expect(convertOpenAIResponsesUsage({ input_tokens: 3, output_tokens: 4 })).toEqual({ inputTokens: 3, outputTokens: 4, totalTokens: 7 });
  });

  it('always writes the detail objects with 0 defaults (spec 0.5)', () => {
    expect(convertUsageToOpenAIResponses({ inputTokens: 3, outputTokens: 4, totalTokens: 0 })).toEqual({
      input_tokens: 3,
      input_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 },
      output_tokens: 4,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: 7,
    });
    expect(convertUsageToOpenAIResponses({ inputTokens: 10, outputTokens: 5, cachedInputTokens: 6, cacheCreationInputTokens: 2, reasoningTokens: 1, totalTokens: 15 })).toEqual({
      input_tokens: 10,
      input_tokens_details: { cached_tokens: 6, cache_write_tokens: 2 },
      output_tokens: 5,
      output_tokens_details: { reasoning_tokens: 1 },
      total_tokens: 15,
    });
  });
});
