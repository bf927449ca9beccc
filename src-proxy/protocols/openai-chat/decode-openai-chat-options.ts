import type { CanonicalTool, ReasoningConfig, ResponseFormat, ToolChoice } from '../../canonical/index';
import { parseReasoningEffort } from '../../translation/reasoning-levels';
import type { DecodeScope } from './decode-openai-chat-content';
import type { OpenAIChatFunctionDefinition, OpenAIChatInboundRequest } from './openai-chat-schemas';

/** A tool's parameters when the client gives none: an object with no properties (chat reference). */
const emptyObjectSchema = (): Record<string, unknown> => ({ type: 'object', properties: {} });

function toCanonicalTool(definition: OpenAIChatFunctionDefinition): CanonicalTool {
  const tool: CanonicalTool = { name: definition.name, inputSchema: definition.parameters ?? emptyObjectSchema() };
  if (definition.description != null) tool.description = definition.description;
  if (definition.strict != null) tool.strict = definition.strict;
  return tool;
}

/** `tools` (type function) plus the deprecated top-level `functions`. Built-in tool types are dropped. */
export function decodeOpenAIChatTools(body: OpenAIChatInboundRequest, scope: DecodeScope): CanonicalTool[] {
  const tools: CanonicalTool[] = [];
  (body.tools ?? []).forEach((tool, index) => {
    if (tool.type === 'function' && tool.function) tools.push(toCanonicalTool(tool.function));
    else if (tool.type === 'function') scope.issues.push({ path: ['tools', index, 'function'], message: 'a function tool needs a function object' });
    else scope.warnings.push({ field: `tools[${index}]`, message: `tool type '${tool.type}' is not supported and was dropped` });
  });
  for (const definition of body.functions ?? []) tools.push(toCanonicalTool(definition));
  return tools;
}

/** `tool_choice`, else the deprecated `function_call` (chat reference, "function_call" deprecated field). */
export function decodeOpenAIChatToolChoice(body: OpenAIChatInboundRequest, scope: DecodeScope): ToolChoice | undefined {
  const choice = body.tool_choice;
  if (choice != null) {
    if (typeof choice === 'string') return { type: choice };
    if (choice.type === 'function' && choice.function) return { type: 'tool', name: choice.function.name };
    scope.warnings.push({ field: 'tool_choice', message: `tool_choice type '${choice.type}' is not supported; the model chooses (auto)` });
    return undefined;
  }
  const legacy = body.function_call;
  if (legacy == null) return undefined;
  return typeof legacy === 'string' ? { type: legacy } : { type: 'tool', name: legacy.name };
}

export function decodeOpenAIChatResponseFormat(body: OpenAIChatInboundRequest, scope: DecodeScope): ResponseFormat | undefined {
  const format = body.response_format;
  if (format == null) return undefined;
  switch (format.type) {
    case 'text':
      return { type: 'text' };
    case 'json_object':
      return { type: 'json' };
    case 'json_schema': {
      const spec = format.json_schema;
      if (!spec) {
        scope.issues.push({ path: ['response_format', 'json_schema'], message: 'required when type is json_schema' });
        return undefined;
      }
      const result: ResponseFormat = { type: 'json-schema', schema: spec.schema ?? {} };
      if (spec.name != null) result.name = spec.name;
      if (spec.description != null) result.description = spec.description;
      if (spec.strict != null) result.strict = spec.strict;
      return result;
    }
    default: {
      const unreachable: never = format.type;
      throw new Error(`unhandled response_format ${String(unreachable)}`);
    }
  }
}

function parseEffort(value: string | null | undefined, path: Array<string | number>, scope: DecodeScope): ReasoningConfig['effort'] {
  if (value == null) return undefined;
  const effort = parseReasoningEffort(value);
  if (!effort) scope.issues.push({ path, message: `unknown reasoning effort '${value}' (expected none, minimal, low, medium, high, xhigh, max or auto)` });
  return effort;
}

/**
 * OpenAI `reasoning_effort`, OpenRouter's `reasoning: {effort, max_tokens, exclude, enabled}` and the
 * older `include_reasoning` (openrouter.ai/docs/use-cases/reasoning-tokens). Asking for reasoning
 * implies wanting it back (docs/protocols.md#reasoning-visibility) unless `exclude` / `include_reasoning:false` says otherwise.
 */
export function decodeOpenAIChatReasoning(body: OpenAIChatInboundRequest, scope: DecodeScope): ReasoningConfig | undefined {
  const openRouter = body.reasoning ?? undefined;
  const config: ReasoningConfig = {};
  const effort = parseEffort(body.reasoning_effort, ['reasoning_effort'], scope) ?? parseEffort(openRouter?.effort, ['reasoning', 'effort'], scope);
  if (effort) config.effort = effort;
  if (openRouter?.max_tokens != null) config.budgetTokens = openRouter.max_tokens;
  if (openRouter?.enabled === false && !config.effort && config.budgetTokens === undefined) config.effort = 'none';
  // OpenRouter: `enabled: true` alone means reasoning at its default (medium) effort.
  if (openRouter?.enabled === true && !config.effort && config.budgetTokens === undefined) config.effort = 'medium';
  const wantsThoughts = openRouter?.exclude === true ? false : (body.include_reasoning ?? undefined);
  if (wantsThoughts !== undefined) config.includeThoughts = wantsThoughts;
  else if ((config.effort && config.effort !== 'none') || (config.budgetTokens ?? 0) > 0) config.includeThoughts = true;
  return Object.keys(config).length > 0 ? config : undefined;
}

/**
 * Chat parameters with no place in the canonical model (logprobs, audio output, predicted outputs,
 * OpenAI-side storage...). They are dropped with a warning rather than silently.
 */
const unsupportedParameters = [
  'logprobs',
  'top_logprobs',
  'logit_bias',
  'modalities',
  'audio',
  'prediction',
  'store',
  'metadata',
  'service_tier',
  'web_search_options',
  'verbosity',
  'prompt_cache_key',
  'safety_identifier',
] as const;

export function warnUnsupportedOpenAIChatParameters(body: Record<string, unknown>, scope: DecodeScope): void {
  for (const name of unsupportedParameters) {
    const value = body[name];
    if (value !== undefined && value !== null && value !== false) {
      scope.warnings.push({ field: name, message: `${name} is not supported by the translated request and was dropped` });
    }
  }
}
