import type { CanonicalRequest, CanonicalTool, ReasoningConfig, ResponseFormat, ToolChoice, TranslationWarning } from '../../canonical/index';
import { reasoningLevel } from '../../translation/reasoning-levels';
import type { EncodeState } from './encode-openai-responses-input';

/**
 * Canonical tools -> Responses function tools (platform.openai.com/docs/guides/function-calling).
 * `strict` defaults to TRUE in the Responses API (unlike Chat), which rejects the loose schemas most
 * clients send, so an unspecified strictness is sent as false. Schemas are normalised (docs/protocols.md#responses-tool-schemas).
 */
export function encodeOpenAIResponsesTools(tools: readonly CanonicalTool[], state: EncodeState): Record<string, unknown>[] {
  return tools.map((tool, index) => {
    if (tool.cacheControl) state.warnings.push({ field: `tools[${index}].cacheControl`, message: 'Responses has no cache_control; dropped' });
    const encoded: Record<string, unknown> = { type: 'function', name: state.names.get(tool.name) ?? tool.name };
    if (tool.description) encoded['description'] = tool.description;
    encoded['parameters'] = normalizeParameters(tool.inputSchema);
    encoded['strict'] = tool.strict ?? false;
    return encoded;
  });
}

/** docs/protocols.md#responses-tool-schemas: no `$schema`; a missing type is `object`; an object without properties gets `properties: {}`. */
function normalizeParameters(schema: Record<string, unknown>): Record<string, unknown> {
  const { $schema: _dropped, ...rest } = schema;
  void _dropped;
  const type = rest['type'] ?? 'object';
  const normalized: Record<string, unknown> = { ...rest, type };
  if (type === 'object' && (typeof rest['properties'] !== 'object' || rest['properties'] === null)) normalized['properties'] = {};
  return normalized;
}

export function encodeOpenAIResponsesToolChoice(choice: ToolChoice, state: EncodeState): unknown {
  switch (choice.type) {
    case 'auto':
    case 'none':
    case 'required':
      return choice.type;
    case 'tool':
      return { type: 'function', name: state.names.get(choice.name) ?? choice.name };
    default: {
      const unknownChoice: never = choice;
      throw new Error(`unknown tool choice ${JSON.stringify(unknownChoice)}`);
    }
  }
}

/**
 * Canonical reasoning -> `reasoning: {effort, summary}` (docs/protocols.md#reasoning-levels, docs/protocols.md#reasoning-visibility). Responses speaks levels: a
 * budget becomes its level; `auto` means the model's default (no effort sent); `max` is sent as xhigh.
 */
export function encodeOpenAIResponsesReasoning(config: ReasoningConfig, warnings: TranslationWarning[]): Record<string, unknown> | undefined {
  const reasoning: Record<string, unknown> = {};
  const level = reasoningLevel(config);
  if (level === 'max') {
    warnings.push({ field: 'reasoning.effort', message: "Responses has no 'max' effort; sent as 'xhigh'" });
    reasoning['effort'] = 'xhigh';
  } else if (level !== undefined && level !== 'auto') {
    reasoning['effort'] = level;
  }
  if (config.includeThoughts === true) reasoning['summary'] = 'auto';
  return Object.keys(reasoning).length > 0 ? reasoning : undefined;
}

export function encodeOpenAIResponsesTextFormat(format: ResponseFormat): Record<string, unknown> {
  switch (format.type) {
    case 'text':
      return { type: 'text' };
    case 'json':
      return { type: 'json_object' };
    case 'json-schema': {
      const encoded: Record<string, unknown> = { type: 'json_schema', name: format.name ?? 'response', schema: format.schema };
      if (format.description) encoded['description'] = format.description;
      if (format.strict !== undefined) encoded['strict'] = format.strict;
      return encoded;
    }
    default: {
      const unknownFormat: never = format;
      throw new Error(`unknown response format ${JSON.stringify(unknownFormat)}`);
    }
  }
}

/** Canonical fields the Responses API has no parameter for: plain checks in a fixed order (usually nothing is dropped). */
export function warnUnsupportedFields(request: CanonicalRequest, warnings: TranslationWarning[]): void {
  if (request.topK !== undefined) warnDropped('topK', warnings);
  if ((request.stopSequences?.length ?? 0) > 0) warnDropped('stopSequences', warnings);
  if (request.seed !== undefined) warnDropped('seed', warnings);
  if (request.presencePenalty !== undefined) warnDropped('presencePenalty', warnings);
  if (request.frequencyPenalty !== undefined) warnDropped('frequencyPenalty', warnings);
  if ((request.candidateCount ?? 1) > 1) warnDropped('candidateCount', warnings);
}

function warnDropped(field: keyof CanonicalRequest, warnings: TranslationWarning[]): void {
  warnings.push({ field, message: `the Responses API has no ${field}; dropped` });
}
