import { describe, expect, it } from 'vitest';
import type { FinishReason } from '../../canonical/index';
import { geminiBlockReasons, geminiFinishReasonTable, mapFinishReasonToGemini, mapGeminiBlockReason, mapGeminiFinishReason } from './map-gemini-finish-reason';

describe('mapGeminiFinishReason (Gemini -> canonical)', () => {
  it.each<[string, FinishReason]>([
    ['STOP', 'stop'],
    ['MAX_TOKENS', 'length'],
    ['SAFETY', 'content-filter'],
    ['RECITATION', 'content-filter'],
    ['BLOCKLIST', 'content-filter'],
    ['PROHIBITED_CONTENT', 'content-filter'],
    ['SPII', 'content-filter'],
    ['IMAGE_SAFETY', 'content-filter'],
    ['IMAGE_PROHIBITED_CONTENT', 'content-filter'],
    ['IMAGE_RECITATION', 'content-filter'],
    ['LANGUAGE', 'other'],
    ['OTHER', 'other'],
    ['FINISH_REASON_UNSPECIFIED', 'other'],
    ['NO_IMAGE', 'other'],
    ['TOO_MANY_TOOL_CALLS', 'other'],
    ['IMAGE_OTHER', 'other'],
    ['MALFORMED_FUNCTION_CALL', 'error'],
    ['UNEXPECTED_TOOL_CALL', 'error'],
    ['SOMETHING_NEW', 'other'],
  ])('%s -> %s (raw kept)', (raw, reason) => {
    expect(mapGeminiFinishReason(raw, { hasToolCalls: false })).toEqual({ reason, raw });
  });

  it('covers every row of the table', () => {
    for (const [raw, reason] of Object.entries(geminiFinishReasonTable)) {
      expect(mapGeminiFinishReason(raw, { hasToolCalls: false }).reason).toBe(reason);
    }
  });

  it('any function call makes the turn tool-calls', () => {
    expect(mapGeminiFinishReason('STOP', { hasToolCalls: true })).toEqual({ reason: 'tool-calls', raw: 'STOP' });
    expect(mapGeminiFinishReason(undefined, { hasToolCalls: true })).toEqual({ reason: 'tool-calls' });
  });

  it('no finishReason at all is other', () => {
    expect(mapGeminiFinishReason(undefined, { hasToolCalls: false })).toEqual({ reason: 'other' });
  });

  it.each(geminiBlockReasons)('prompt block reason %s -> content-filter', (blockReason) => {
    expect(mapGeminiBlockReason(blockReason)).toEqual({ reason: 'content-filter', raw: blockReason });
  });
});

describe('mapFinishReasonToGemini (canonical -> Gemini)', () => {
  it.each<[FinishReason, string]>([
    ['stop', 'STOP'],
    ['length', 'MAX_TOKENS'],
    ['tool-calls', 'STOP'],
    ['content-filter', 'SAFETY'],
    ['error', 'OTHER'],
    ['other', 'OTHER'],
  ])('%s -> %s', (reason, gemini) => {
    expect(mapFinishReasonToGemini({ reason })).toBe(gemini);
  });

  it('echoes a raw Gemini value with the same meaning, ignores other vendors raw values', () => {
    expect(mapFinishReasonToGemini({ reason: 'content-filter', raw: 'RECITATION' })).toBe('RECITATION');
    expect(mapFinishReasonToGemini({ reason: 'error', raw: 'MALFORMED_FUNCTION_CALL' })).toBe('MALFORMED_FUNCTION_CALL');
    expect(mapFinishReasonToGemini({ reason: 'tool-calls', raw: 'STOP' })).toBe('STOP');
    expect(mapFinishReasonToGemini({ reason: 'length', raw: 'max_tokens' })).toBe('MAX_TOKENS');
    expect(mapFinishReasonToGemini({ reason: 'stop', raw: 'MAX_TOKENS' })).toBe('STOP');
  });

  it('quirk: MAX_TOKENS is never turned into STOP', () => {
    // The original's Claude->Gemini stream overwrote every finish reason with STOP (docs/protocols.md#cpa-quirks-we-do-not-copy).
    expect(mapFinishReasonToGemini({ reason: 'length', raw: 'max_tokens' })).toBe('MAX_TOKENS');
  });
});
