import type { CanonicalRequest, ReasoningConfig, ResponseFormat, TranslationWarning } from '../../canonical/index';
import { parseReasoningEffort } from '../../translation/reasoning-levels';
import { convertGeminiSchema } from './convert-gemini-schema';
import type { GeminiGenerationConfigInput } from './gemini-schemas';

type GenerationFields = Pick<
  CanonicalRequest,
  | 'temperature'
  | 'topP'
  | 'topK'
  | 'maxOutputTokens'
  | 'stopSequences'
  | 'candidateCount'
  | 'seed'
  | 'presencePenalty'
  | 'frequencyPenalty'
  | 'responseFormat'
  | 'reasoning'
>;

const mappedKeys = new Set([
  'temperature',
  'topP',
  'topK',
  'maxOutputTokens',
  'stopSequences',
  'candidateCount',
  'seed',
  'presencePenalty',
  'frequencyPenalty',
  'responseMimeType',
  'responseSchema',
  'responseJsonSchema',
  'thinkingConfig',
]);

/**
 * `generationConfig` (https://ai.google.dev/api/generate-content#generationconfig) -> canonical sampling,
 * output format and reasoning fields. Keys the hub cannot carry (responseModalities, speechConfig,
 * imageConfig, mediaResolution, logprobs...) are dropped with a warning.
 */
export function decodeGeminiGenerationConfig(config: GeminiGenerationConfigInput, warnings: TranslationWarning[]): GenerationFields {
  for (const key of Object.keys(config)) {
    if (!mappedKeys.has(key)) warnings.push({ field: `generationConfig.${key}`, message: 'no canonical form; dropped' });
  }
  const fields: GenerationFields = {};
  copyNumber(fields, 'temperature', config.temperature);
  copyNumber(fields, 'topP', config.topP);
  copyNumber(fields, 'topK', config.topK);
  copyNumber(fields, 'maxOutputTokens', config.maxOutputTokens);
  copyNumber(fields, 'candidateCount', config.candidateCount);
  copyNumber(fields, 'seed', config.seed);
  copyNumber(fields, 'presencePenalty', config.presencePenalty);
  copyNumber(fields, 'frequencyPenalty', config.frequencyPenalty);
  if (config.stopSequences && config.stopSequences.length > 0) fields.stopSequences = [...config.stopSequences];
  const responseFormat = decodeResponseFormat(config, warnings);
  if (responseFormat) fields.responseFormat = responseFormat;
  const reasoning = config.thinkingConfig ? decodeThinkingConfig(config.thinkingConfig) : undefined;
  if (reasoning) fields.reasoning = reasoning;
  return fields;
}

type NumberField = 'temperature' | 'topP' | 'topK' | 'maxOutputTokens' | 'candidateCount' | 'seed' | 'presencePenalty' | 'frequencyPenalty';

function copyNumber(fields: GenerationFields, key: NumberField, value: number | null | undefined): void {
  if (typeof value === 'number') fields[key] = value;
}

/**
 * `responseMimeType: application/json` + `responseJsonSchema` (JSON Schema) or `responseSchema` (Gemini
 * Schema, converted) -> json-schema; JSON without a schema -> json. `text/x.enum` and other MIME types
 * have no canonical form.
 */
function decodeResponseFormat(config: GeminiGenerationConfigInput, warnings: TranslationWarning[]): ResponseFormat | undefined {
  const mimeType = config.responseMimeType?.toLowerCase();
  const jsonSchema = config.responseJsonSchema;
  const schema = isObject(jsonSchema) ? jsonSchema : config.responseSchema ? convertGeminiSchema(config.responseSchema) : undefined;
  if (mimeType === undefined || mimeType === 'text/plain') {
    if (schema) warnings.push({ field: 'generationConfig.responseSchema', message: 'a response schema without responseMimeType application/json is ignored' });
    return mimeType === 'text/plain' ? { type: 'text' } : undefined;
  }
  if (mimeType !== 'application/json') {
    warnings.push({ field: 'generationConfig.responseMimeType', message: `'${mimeType}' has no canonical form; dropped` });
    return undefined;
  }
  return schema ? { type: 'json-schema', schema } : { type: 'json' };
}

/**
 * thinkingConfig -> reasoning (https://ai.google.dev/gemini-api/docs/thinking): `thinkingLevel` is an
 * effort level; `thinkingBudget` -1 means dynamic (`auto`), 0 means off (`none`), N > 0 a budget.
 */
function decodeThinkingConfig(thinking: NonNullable<GeminiGenerationConfigInput['thinkingConfig']>): ReasoningConfig | undefined {
  const reasoning: ReasoningConfig = {};
  const level = thinking.thinkingLevel && thinking.thinkingLevel !== 'THINKING_LEVEL_UNSPECIFIED' ? parseReasoningEffort(thinking.thinkingLevel) : undefined;
  if (level) reasoning.effort = level;
  const budget = thinking.thinkingBudget;
  if (typeof budget === 'number') {
    if (budget > 0) reasoning.budgetTokens = budget;
    else if (!reasoning.effort) reasoning.effort = budget === 0 ? 'none' : 'auto';
  }
  if (typeof thinking.includeThoughts === 'boolean') reasoning.includeThoughts = thinking.includeThoughts;
  return Object.keys(reasoning).length > 0 ? reasoning : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
