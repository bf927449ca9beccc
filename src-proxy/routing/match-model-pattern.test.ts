import { describe, expect, it } from 'vitest';
import { isModelExcluded, matchModelPattern } from './match-model-pattern';

describe('matchModelPattern', () => {
  it.each([
    ['gpt-5.1', 'gpt-5.1', true],
    ['gpt-5.1', 'GPT-5.1', true],
    ['gpt-5.1', 'gpt-5.1-mini', false],
    ['gpt-5-*', 'gpt-5-codex', true],
    ['gpt-5-*', 'gpt-4o', false],
    ['*-mini', 'gpt-5-mini', true],
    ['*-mini', 'gpt-5-mini-x', false],
    ['*codex*', 'gpt-5-codex-high', true],
    ['a*b*c', 'a-x-b-y-c', true],
    ['a*b*c', 'a-x-c-y-b', false],
    ['ab*ba', 'aba', false],
    ['*', 'anything', true],
  ])('%s vs %s -> %s', (pattern, model, expected) => {
    expect(matchModelPattern(pattern, model)).toBe(expected);
  });

  it('excludes when any pattern matches', () => {
    expect(isModelExcluded(['x', '*-preview'], 'gemini-3-preview')).toBe(true);
    expect(isModelExcluded(['x', '*-preview'], 'gemini-3')).toBe(false);
  });
});
