import { describe, expect, it } from 'vitest';
import type { ReasoningConfig, TranslationWarning } from '../../canonical/index';
import { encodeGeminiGenerationConfig, encodeThinkingConfig, geminiUsesThinkingBudgetOnly } from './encode-gemini-generation-config';
import { baseRequest } from './gemini-test-support';

describe('geminiUsesThinkingBudgetOnly', () => {
  it.each([
    ['gemini-2.5-flash', true],
    ['gemini-2.5-pro', true],
    ['gemini-2.5-flash-lite-preview-09-2025', true],
    ['gemini-2.0-flash', true],
    ['gemini-1.5-pro-002', true],
    ['models/gemini-2.5-flash', true],
    ['GEMINI-2.5-FLASH', true],
    ['gemini-3-pro-preview', false],
    ['gemini-3-flash-preview', false],
    ['gemini-3.5-pro', false],
    ['gemini-20-ultra', false],
    ['gemini-exp-1206', false],
    ['my-alias', false],
    ['', false],
  ])('%s -> %s', (model, expected) => {
    expect(geminiUsesThinkingBudgetOnly(model)).toBe(expected);
  });
});

describe('encodeThinkingConfig on Gemini 2.x (regression: thinkingLevel is rejected with a 400 there)', () => {
  it.each<[ReasoningConfig, Record<string, unknown>]>([
    [{ effort: 'minimal' }, { thinkingBudget: 512 }],
    [{ effort: 'low', includeThoughts: true }, { thinkingBudget: 1024, includeThoughts: true }],
    [{ effort: 'medium' }, { thinkingBudget: 8192 }],
    [{ effort: 'high' }, { thinkingBudget: 24576 }],
    [{ effort: 'none' }, { thinkingBudget: 0 }],
    [{ effort: 'auto' }, { thinkingBudget: -1 }],
    [{ budgetTokens: 3000, effort: 'high' }, { thinkingBudget: 3000 }],
    [{ includeThoughts: false }, { includeThoughts: false }],
  ])('gemini-2.5-flash: %j -> %j', (reasoning, expected) => {
    const warnings: TranslationWarning[] = [];
    expect(encodeThinkingConfig(reasoning, warnings, 'gemini-2.5-flash')).toEqual(expected);
    expect(warnings).toEqual([]);
  });

  it('caps xhigh/max at the budget every 2.x model accepts, with a warning', () => {
    for (const effort of ['xhigh', 'max'] as const) {
      const warnings: TranslationWarning[] = [];
      expect(encodeThinkingConfig({ effort }, warnings, 'gemini-2.5-pro')).toEqual({ thinkingBudget: 24576 });
      expect(warnings).toHaveLength(1);
    }
  });

  it('chooses by the request model: levels for Gemini 3, budgets for 2.x and 1.x', () => {
    const config = (model: string) => encodeGeminiGenerationConfig(baseRequest({ model, reasoning: { effort: 'low', includeThoughts: true } }), []);
    expect(config('gemini-2.5-flash')).toEqual({ thinkingConfig: { thinkingBudget: 1024, includeThoughts: true } });
    expect(config('gemini-1.5-flash')).toEqual({ thinkingConfig: { thinkingBudget: 1024, includeThoughts: true } });
    expect(config('gemini-3-flash-preview')).toEqual({ thinkingConfig: { thinkingLevel: 'LOW', includeThoughts: true } });
  });
});
