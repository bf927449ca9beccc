import type {
  CanonicalMessage,
  CanonicalRequest,
  CanonicalTool,
  TextPart,
  Translated,
  TranslationContext,
  TranslationWarning,
} from '../../canonical/index';
import type { WireMessage, WireTextBlock } from './anthropic-messages-types';
import { encodeCacheControl, encodeTextPart } from './encode-anthropic-messages-blocks';
import { encodeAnthropicMessages } from './encode-anthropic-messages-messages';
import { defaultThinkingStyle, planAnthropicThinking, type ThinkingPlan, type ThinkingStyle } from './encode-anthropic-messages-thinking';
import { createToolIdMapper } from './sanitize-anthropic-tool-id';

export interface EncodeAnthropicMessagesRequestOptions {
  /** Whether the upstream model takes adaptive thinking; default decided from the model id (>= 4.6). */
  thinkingStyle?: ThinkingStyle;
}

/**
 * Canonical request -> Anthropic Messages upstream body (https://docs.anthropic.com/en/api/messages).
 * Never throws: what Anthropic cannot express or would reject is dropped with a warning.
 */
export function encodeAnthropicMessagesRequest(
  request: CanonicalRequest,
  context: TranslationContext,
  options: EncodeAnthropicMessagesRequestOptions = {},
): Translated<Record<string, unknown>> {
  const warnings: TranslationWarning[] = [];
  const scope = { warnings, mapToolId: createToolIdMapper(context) };
  const { system, conversation } = splitLeadingSystem(request);
  let systemBlocks = system.map(encodeTextPart).filter((block): block is WireTextBlock => block !== undefined);
  let messages = encodeAnthropicMessages(conversation, scope);
  if (messages.length === 0 && systemBlocks.length > 0) {
    // Anthropic requires at least one message; the instructions become the user turn rather than an empty placeholder.
    warnings.push({ field: 'system', message: 'no messages: the system instructions were sent as the user message' });
    messages = [{ role: 'user', content: systemBlocks }];
    systemBlocks = [];
  }
  const tools = request.tools.map(encodeTool);
  const toolChoice = encodeToolChoice(request, tools.length > 0, warnings);
  const forcedToolUse = toolChoice?.['type'] === 'any' || toolChoice?.['type'] === 'tool';
  const plan = planAnthropicThinking(request, options.thinkingStyle ?? defaultThinkingStyle(request.model), forcedToolUse, warnings);
  const body: Record<string, unknown> = { model: request.model, max_tokens: plan.maxTokens, messages: messages satisfies WireMessage[] };
  if (systemBlocks.length > 0) body['system'] = systemBlocks;
  if (tools.length > 0) body['tools'] = tools;
  if (toolChoice) body['tool_choice'] = toolChoice;
  if (plan.thinking) body['thinking'] = plan.thinking;
  const outputConfig = encodeOutputConfig(request, plan, warnings);
  if (outputConfig) body['output_config'] = outputConfig;
  Object.assign(body, encodeSampling(request, plan.thinkingOn, warnings));
  if (request.user !== undefined) body['metadata'] = { user_id: request.user };
  body['stream'] = request.stream;
  warnUnsupported(request, warnings);
  return { value: body, warnings };
}

/** Canonical `system` plus any role:'system' messages before the first turn. */
function splitLeadingSystem(request: CanonicalRequest): { system: TextPart[]; conversation: CanonicalMessage[] } {
  const system = [...request.system];
  let start = 0;
  for (const message of request.messages) {
    if (message.role !== 'system') break;
    system.push(...message.content);
    start += 1;
  }
  return { system, conversation: request.messages.slice(start) };
}

/** Anthropic requires an object root schema (`input_schema.type: "object"`); the rest is sent unchanged. */
function encodeTool(tool: CanonicalTool): Record<string, unknown> {
  const inputSchema = tool.inputSchema['type'] === undefined ? { type: 'object', ...tool.inputSchema } : tool.inputSchema;
  const encoded: Record<string, unknown> = { name: tool.name };
  if (tool.description !== undefined) encoded['description'] = tool.description;
  encoded['input_schema'] = inputSchema;
  if (tool.strict !== undefined) encoded['strict'] = tool.strict;
  return { ...encoded, ...encodeCacheControl(tool.cacheControl) };
}

function encodeToolChoice(request: CanonicalRequest, hasTools: boolean, warnings: TranslationWarning[]): Record<string, unknown> | undefined {
  const choice = request.toolChoice;
  const disable = request.parallelToolCalls === false ? { disable_parallel_tool_use: true } : {};
  if (!hasTools) {
    if (choice?.type === 'required' || choice?.type === 'tool') {
      warnings.push({ field: 'toolChoice', message: 'tool_choice without tools cannot be sent to Anthropic; dropped' });
    }
    return undefined;
  }
  switch (choice?.type) {
    case undefined:
      return request.parallelToolCalls === false ? { type: 'auto', ...disable } : undefined;
    case 'auto':
      return { type: 'auto', ...disable };
    case 'required':
      return { type: 'any', ...disable };
    case 'tool':
      return { type: 'tool', name: choice.name, ...disable };
    case 'none':
      return { type: 'none' };
  }
}

function encodeOutputConfig(request: CanonicalRequest, plan: ThinkingPlan, warnings: TranslationWarning[]): Record<string, unknown> | undefined {
  const config: Record<string, unknown> = {};
  if (plan.effort !== undefined) config['effort'] = plan.effort;
  const format = request.responseFormat;
  if (format?.type === 'json-schema') {
    // Structured outputs (output_config.format) carry only the schema.
    config['format'] = { type: 'json_schema', schema: format.schema };
    if (format.name !== undefined || format.description !== undefined) {
      warnings.push({ field: 'responseFormat', message: 'json schema name/description have no Anthropic equivalent' });
    }
  } else if (format?.type === 'json') {
    warnings.push({ field: 'responseFormat', message: 'JSON mode without a schema has no Anthropic equivalent; dropped' });
  }
  return Object.keys(config).length > 0 ? config : undefined;
}

/**
 * temperature/top_p/top_k/stop_sequences. With thinking on, Anthropic rejects temperature and top_k and
 * accepts top_p only in [0.95, 1]; newer models reject temperature and top_p together (top_p yields).
 */
function encodeSampling(request: CanonicalRequest, thinkingOn: boolean, warnings: TranslationWarning[]): Record<string, unknown> {
  const sampling: Record<string, unknown> = {};
  const drop = (field: string, why: string): void => {
    warnings.push({ field, message: `${field} dropped: ${why}` });
  };
  if (request.temperature !== undefined) {
    if (thinkingOn) drop('temperature', 'Anthropic does not accept it with thinking');
    else sampling['temperature'] = request.temperature;
  }
  if (request.topP !== undefined) {
    if (sampling['temperature'] !== undefined) drop('topP', 'Anthropic does not accept temperature and top_p together');
    else if (thinkingOn && request.topP < 0.95) drop('topP', 'with thinking Anthropic accepts top_p only in [0.95, 1]');
    else sampling['top_p'] = request.topP;
  }
  if (request.topK !== undefined) {
    if (thinkingOn) drop('topK', 'Anthropic does not accept it with thinking');
    else sampling['top_k'] = request.topK;
  }
  if (request.stopSequences !== undefined) {
    const usable = request.stopSequences.filter((sequence) => sequence.trim() !== '');
    if (usable.length < request.stopSequences.length) drop('stopSequences (whitespace-only entries)', 'Anthropic rejects them');
    if (usable.length > 0) sampling['stop_sequences'] = usable;
  }
  return sampling;
}

/** Plain checks in a fixed order: every translated request comes here, and usually nothing is dropped. */
function warnUnsupported(request: CanonicalRequest, warnings: TranslationWarning[]): void {
  if (request.seed !== undefined) warnDropped('seed', warnings);
  if (request.presencePenalty !== undefined) warnDropped('presencePenalty', warnings);
  if (request.frequencyPenalty !== undefined) warnDropped('frequencyPenalty', warnings);
  if (request.candidateCount !== undefined && request.candidateCount !== 1) warnDropped('candidateCount', warnings);
}

function warnDropped(field: keyof CanonicalRequest, warnings: TranslationWarning[]): void {
  warnings.push({ field, message: `${field} has no Anthropic equivalent; dropped` });
}
