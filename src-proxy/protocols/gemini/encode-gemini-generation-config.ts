import type { CanonicalRequest, ReasoningConfig, ReasoningEffort, TranslationWarning } from '../../canonical/index';
import { levelToBudget } from '../../translation/reasoning-levels';
import type { GeminiGenerationConfig, GeminiThinkingConfig, GeminiThinkingLevel } from './gemini-types';

/**
 * Canonical sampling / output / reasoning fields -> `generationConfig`
 * (https://ai.google.dev/api/generate-content#generationconfig). Unlike the original
 * (docs/protocols.md#cpa-quirks-we-do-not-copy) max tokens and stop sequences are always mapped. Returns undefined when nothing is set.
 */
export function encodeGeminiGenerationConfig(request: CanonicalRequest, warnings: TranslationWarning[]): GeminiGenerationConfig | undefined {
  const config: GeminiGenerationConfig = {};
  if (request.temperature !== undefined) config.temperature = request.temperature;
  if (request.topP !== undefined) config.topP = request.topP;
  if (request.topK !== undefined) config.topK = request.topK;
  if (request.maxOutputTokens !== undefined) config.maxOutputTokens = request.maxOutputTokens;
  if (request.stopSequences && request.stopSequences.length > 0) config.stopSequences = [...request.stopSequences];
  if (request.candidateCount !== undefined) config.candidateCount = request.candidateCount;
  if (request.seed !== undefined) config.seed = request.seed;
  if (request.presencePenalty !== undefined) config.presencePenalty = request.presencePenalty;
  if (request.frequencyPenalty !== undefined) config.frequencyPenalty = request.frequencyPenalty;
  encodeResponseFormat(request, config);
  const thinking = request.reasoning ? encodeThinkingConfig(request.reasoning, warnings, request.model) : undefined;
  if (thinking) config.thinkingConfig = thinking;
  return Object.keys(config).length > 0 ? config : undefined;
}

/** JSON mode -> responseMimeType; a schema rides as `responseJsonSchema` (full JSON Schema, not cleaned). */
function encodeResponseFormat(request: CanonicalRequest, config: GeminiGenerationConfig): void {
  const format = request.responseFormat;
  if (!format || format.type === 'text') return;
  config.responseMimeType = 'application/json';
  if (format.type === 'json-schema') config.responseJsonSchema = format.schema;
}

const geminiLevels: Partial<Record<ReasoningEffort, GeminiThinkingLevel>> = {
  minimal: 'MINIMAL',
  low: 'LOW',
  medium: 'MEDIUM',
  high: 'HIGH',
};

/**
 * Whether a model takes only `thinkingBudget`: Google documents `thinkingLevel` for Gemini 3 and later
 * only (https://ai.google.dev/gemini-api/docs/thinking, "Thinking levels"); Gemini 2.5 and older answer
 * it with a 400. The canonical `model` is the upstream model name (`gemini-2.5-flash`, maybe behind a
 * `models/` path). Unknown ids that are not 1.x/2.x (gemini-3*, later, aliases) are treated as current.
 */
export function geminiUsesThinkingBudgetOnly(model: string): boolean {
  return /(?:^|\/)gemini-[12](?:[.-]|$)/i.test(model.trim());
}

/**
 * Gemini 2.x budget ranges differ by model (2.5 Flash 0..24576, 2.5 Pro 128..32768); the budget of
 * `high` fits all of them, so xhigh/max stop there (warned), as they stop at HIGH on Gemini 3.
 */
const highestCommonBudget = levelToBudget('high');

/**
 * Reasoning -> thinkingConfig (https://ai.google.dev/gemini-api/docs/thinking). By what the canonical
 * request says and the model generation:
 * - an explicit budget -> `thinkingBudget` (Gemini 2.5 budgets; Gemini 3 still accepts them);
 * - effort `none` -> `thinkingBudget: 0`, effort `auto` -> `thinkingBudget: -1` (dynamic);
 * - Gemini 3 and later: effort minimal/low/medium/high -> `thinkingLevel`; xhigh/max -> `HIGH`, Gemini's
 *   highest, with a warning;
 * - Gemini 2.x / 1.x: effort levels -> `thinkingBudget` by the table of docs/protocols.md#reasoning-levels (low -> 1024...); xhigh/max
 *   -> the budget of high, with a warning.
 * `includeThoughts` is passed on when the canonical request says it.
 */
export function encodeThinkingConfig(reasoning: ReasoningConfig, warnings: TranslationWarning[], model = ''): GeminiThinkingConfig | undefined {
  const thinking: GeminiThinkingConfig = {};
  const effort = reasoning.effort;
  const budgetOnly = geminiUsesThinkingBudgetOnly(model);
  if (reasoning.budgetTokens !== undefined) {
    thinking.thinkingBudget = reasoning.budgetTokens;
  } else if (effort === 'none') {
    thinking.thinkingBudget = 0;
  } else if (effort === 'auto') {
    thinking.thinkingBudget = -1;
  } else if ((effort === 'xhigh' || effort === 'max') && budgetOnly) {
    warnings.push({ field: 'reasoning.effort', message: `Gemini 2.x thinking budgets top out at ${highestCommonBudget} on every model; '${effort}' sent as ${highestCommonBudget}` });
    thinking.thinkingBudget = highestCommonBudget;
  } else if (effort === 'xhigh' || effort === 'max') {
    warnings.push({ field: 'reasoning.effort', message: `Gemini's highest thinking level is HIGH; '${effort}' sent as HIGH` });
    thinking.thinkingLevel = 'HIGH';
  } else if (effort !== undefined && budgetOnly) {
    thinking.thinkingBudget = levelToBudget(effort);
  } else if (effort !== undefined) {
    thinking.thinkingLevel = geminiLevels[effort];
  }
  if (reasoning.includeThoughts !== undefined) thinking.includeThoughts = reasoning.includeThoughts;
  return Object.keys(thinking).length > 0 ? thinking : undefined;
}
