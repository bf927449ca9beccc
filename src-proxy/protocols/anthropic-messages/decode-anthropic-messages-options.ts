import type { CanonicalTool, ReasoningConfig, ResponseFormat, ToolChoice } from '../../canonical/index';
import { parseReasoningEffort } from '../../translation/reasoning-levels';
import type { AnthropicRequestBody } from './anthropic-messages-schemas';
import { warn, type DecodeScope } from './anthropic-request-issues';
import { decodeCacheControl } from './decode-anthropic-messages-blocks';

/**
 * Request options of the Messages API: tools, tool_choice, thinking / output_config
 * (https://docs.anthropic.com/en/api/messages, extended and adaptive thinking guides).
 */

type Tools = NonNullable<AnthropicRequestBody['tools']>;

/** Custom tools -> canonical tools; Anthropic-hosted server tools (web_search...) are dropped. */
export function decodeAnthropicTools(tools: Tools, scope: DecodeScope): CanonicalTool[] {
  const decoded: CanonicalTool[] = [];
  tools.forEach((tool, index) => {
    const path = `tools[${index}]`;
    const isCustom = tool.type == null || tool.type === 'custom';
    if (!isCustom || !tool.input_schema) {
      warn(scope, path, `server tool '${tool.name}' (${tool.type ?? 'no input_schema'}) only runs on Anthropic; dropped`);
      return;
    }
    const canonical: CanonicalTool = { name: tool.name, inputSchema: tool.input_schema };
    if (tool.description != null) canonical.description = tool.description;
    if (tool.strict != null) canonical.strict = tool.strict;
    const cacheControl = decodeCacheControl(tool.cache_control);
    if (cacheControl) canonical.cacheControl = cacheControl;
    for (const key of ['input_examples', 'defer_loading', 'allowed_callers', 'eager_input_streaming']) {
      if (tool[key] != null) warn(scope, `${path}.${key}`, `tool ${key} has no canonical equivalent`);
    }
    decoded.push(canonical);
  });
  return decoded;
}

export function decodeAnthropicToolChoice(choice: NonNullable<AnthropicRequestBody['tool_choice']>): {
  toolChoice: ToolChoice;
  parallelToolCalls?: boolean;
} {
  const disable = 'disable_parallel_tool_use' in choice ? choice.disable_parallel_tool_use : undefined;
  const parallel = disable == null ? {} : { parallelToolCalls: !disable };
  switch (choice.type) {
    case 'auto':
      return { toolChoice: { type: 'auto' }, ...parallel };
    case 'any':
      return { toolChoice: { type: 'required' }, ...parallel };
    case 'tool':
      return { toolChoice: { type: 'tool', name: choice.name }, ...parallel };
    case 'none':
      return { toolChoice: { type: 'none' } };
  }
}

/**
 * `thinking` + `output_config.effort` -> canonical reasoning:
 * enabled+budget -> budgetTokens; enabled without budget / adaptive -> effort (output_config.effort or
 * 'auto'); disabled -> 'none'; effort alone -> that effort. `display: omitted` -> includeThoughts false;
 * thinking on without `display` -> includeThoughts true, because Anthropic returns summarized thinking by
 * default (extended-thinking guide), so the client expects thinking text from any upstream.
 */
export function decodeAnthropicReasoning(body: AnthropicRequestBody, scope: DecodeScope): ReasoningConfig | undefined {
  const effortValue = body.output_config?.effort;
  const effort = effortValue == null ? undefined : parseReasoningEffort(effortValue);
  if (effortValue != null && effort === undefined) warn(scope, 'output_config.effort', `unknown effort '${effortValue}' ignored`);
  const thinking = body.thinking;
  if (!thinking) return effort === undefined ? undefined : { effort };
  const config: ReasoningConfig = {};
  switch (thinking.type) {
    case 'enabled':
      if (thinking.budget_tokens != null) config.budgetTokens = thinking.budget_tokens;
      else config.effort = effort ?? 'auto';
      if (thinking.budget_tokens != null && effort !== undefined) config.effort = effort;
      break;
    case 'disabled':
      if (effort !== undefined) warn(scope, 'output_config.effort', 'effort ignored because thinking is disabled');
      config.effort = 'none';
      break;
    case 'adaptive':
      config.effort = effort ?? 'auto';
      break;
    default:
      warn(scope, 'thinking.type', `thinking type '${thinking.type}' has no canonical equivalent; treated as adaptive`);
      config.effort = effort ?? 'auto';
  }
  if (thinking.display === 'omitted') config.includeThoughts = false;
  else if (thinking.display === 'summarized' || thinking.type !== 'disabled') config.includeThoughts = true;
  return config;
}

export function decodeAnthropicResponseFormat(body: AnthropicRequestBody): ResponseFormat | undefined {
  const format = body.output_config?.format;
  if (!format) return undefined;
  return { type: 'json-schema', schema: format.schema };
}

/** Top-level fields with no canonical equivalent: warned about, not forwarded across wires. */
const unmodelledFields = [
  'cache_control',
  'container',
  'context_management',
  'mcp_servers',
  'service_tier',
  'speed',
  'inference_geo',
  'diagnostics',
] as const;

export function warnUnmodelledFields(body: AnthropicRequestBody, scope: DecodeScope): void {
  for (const key of unmodelledFields) {
    if (body[key] != null) warn(scope, key, `${key} has no canonical equivalent; dropped`);
  }
}
