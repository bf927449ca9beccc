import type { CanonicalRequest, CanonicalTool, ReasoningConfig, ResponseFormat, ToolChoice, Translated, TranslationContext, TranslationWarning } from '../../canonical/index';
import { reasoningLevel } from '../../translation/reasoning-levels';
import { encodeOpenAIChatMessages } from './encode-openai-chat-messages';

/**
 * Canonical request -> the JSON body for an OpenAI-compatible upstream's `/chat/completions`
 * (platform.openai.com/docs/api-reference/chat/create). Written for the whole family of compatible
 * servers (DeepSeek, OpenRouter, vLLM, Ollama, ...): `max_tokens` rather than the OpenAI-only
 * `max_completion_tokens`, `top_k` as the common extension, usage always requested on streams.
 */
export function encodeOpenAIChatRequest(request: CanonicalRequest, _context: TranslationContext): Translated<Record<string, unknown>> {
  const warnings: TranslationWarning[] = [];
  const body: Record<string, unknown> = { model: request.model, messages: encodeOpenAIChatMessages(request, warnings) };
  if (request.tools.length > 0) {
    body.tools = request.tools.map((tool) => encodeTool(tool, warnings));
    if (request.parallelToolCalls !== undefined) body.parallel_tool_calls = request.parallelToolCalls;
  }
  if (request.toolChoice) body.tool_choice = encodeToolChoice(request.toolChoice);
  Object.assign(body, samplingFields(request));
  if (request.responseFormat) body.response_format = encodeResponseFormat(request.responseFormat);
  if (request.reasoning) Object.assign(body, encodeReasoning(request.reasoning, warnings));
  body.stream = request.stream;
  // Usage is needed for accounting whatever the client asked; the client-side encoder decides what it sees.
  if (request.stream) body.stream_options = { include_usage: true };
  if (request.user !== undefined) body.user = request.user;
  return { value: body, warnings };
}

function encodeTool(tool: CanonicalTool, warnings: TranslationWarning[]): Record<string, unknown> {
  const definition: Record<string, unknown> = { name: tool.name };
  if (tool.description !== undefined) definition.description = tool.description;
  definition.parameters = tool.inputSchema;
  if (tool.strict !== undefined) definition.strict = tool.strict;
  if (tool.cacheControl) warnings.push({ field: `tools.${tool.name}.cacheControl`, message: 'prompt-cache hints have no OpenAI Chat equivalent and were dropped' });
  return { type: 'function', function: definition };
}

function encodeToolChoice(choice: ToolChoice): unknown {
  switch (choice.type) {
    case 'auto':
    case 'none':
    case 'required':
      return choice.type;
    case 'tool':
      return { type: 'function', function: { name: choice.name } };
    default: {
      const unreachable: never = choice;
      throw new Error(`unhandled tool choice ${String(unreachable)}`);
    }
  }
}

function samplingFields(request: CanonicalRequest): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  if (request.maxOutputTokens !== undefined) fields.max_tokens = request.maxOutputTokens;
  if (request.temperature !== undefined) fields.temperature = request.temperature;
  if (request.topP !== undefined) fields.top_p = request.topP;
  if (request.topK !== undefined) fields.top_k = request.topK;
  if (request.stopSequences !== undefined && request.stopSequences.length > 0) fields.stop = request.stopSequences;
  if (request.seed !== undefined) fields.seed = request.seed;
  if (request.presencePenalty !== undefined) fields.presence_penalty = request.presencePenalty;
  if (request.frequencyPenalty !== undefined) fields.frequency_penalty = request.frequencyPenalty;
  if (request.candidateCount !== undefined) fields.n = request.candidateCount;
  return fields;
}

function encodeResponseFormat(format: ResponseFormat): Record<string, unknown> {
  switch (format.type) {
    case 'text':
      return { type: 'text' };
    case 'json':
      return { type: 'json_object' };
    case 'json-schema': {
      // `name` is required by OpenAI; other wires (Gemini, Anthropic) have none.
      const spec: Record<string, unknown> = { name: format.name ?? 'response' };
      if (format.description !== undefined) spec.description = format.description;
      spec.schema = format.schema;
      if (format.strict !== undefined) spec.strict = format.strict;
      return { type: 'json_schema', json_schema: spec };
    }
    default: {
      const unreachable: never = format;
      throw new Error(`unhandled response format ${String(unreachable)}`);
    }
  }
}

/**
 * `reasoning_effort` takes OpenAI's levels (none, minimal, low, medium, high, xhigh). A budget becomes
 * its level (docs/protocols.md#reasoning-levels); `auto` means "provider default", expressed by omitting the field; `max` is
 * clamped to the top OpenAI level.
 */
function encodeReasoning(config: ReasoningConfig, warnings: TranslationWarning[]): Record<string, unknown> {
  const level = reasoningLevel(config);
  if (config.budgetTokens !== undefined) warnings.push({ field: 'reasoning.budgetTokens', message: `OpenAI Chat takes effort levels only; budget ${config.budgetTokens} was sent as reasoning_effort '${level ?? 'auto'}'` });
  if (config.includeThoughts === false) warnings.push({ field: 'reasoning.includeThoughts', message: 'OpenAI Chat cannot be asked to hide reasoning; the setting was dropped' });
  if (level === undefined || level === 'auto') return {};
  if (level === 'max') {
    warnings.push({ field: 'reasoning.effort', message: "'max' is not an OpenAI level and was sent as 'xhigh'" });
    return { reasoning_effort: 'xhigh' };
  }
  return { reasoning_effort: level };
}
