import { randomUuid } from '../claude-api/cloak-ids';
import type { Credential } from '../../routing/credential';
import type { BodyPreparation, BodyPreparationContext, ClientHeaders } from '../provider-definition';
import { xaiReasoningEffortModels } from './xai-models';

/** docs/providers.md#xai-executor: Responses fields xAI refuses (`stop` is a Chat Completions field). */
const removedFields = ['previous_response_id', 'prompt_cache_retention', 'safety_identifier', 'stream_options', 'stop'] as const;

/** Hosted tools xAI does not offer, dropped from `tools`. */
const droppedToolTypes: ReadonlySet<string> = new Set(['tool_search', 'image_generation']);

/**
 * The body CPA sends xAI's Responses API (docs/providers.md#xai-executor): always streamed (non-stream
 * clients get the assembled result), the refused fields removed, `reasoning.effort` only for models that
 * have reasoning levels, `instructions` present, tools reduced to what xAI takes (custom tools as
 * functions, Codex's `apply_patch` and unsupported hosted tools dropped, functions given an object schema)
 * and `tool_choice` / `parallel_tool_calls` dropped when no tool is left. Grok Composer models get a
 * conversation id (`prompt_cache_key`, repeated as `x-grok-conv-id`); any model keeps the client's one.
 * Only top-level members are replaced: nested values may be shared.
 */
export function prepareXaiBody(body: Record<string, unknown>, _credential: Credential, _clientHeaders: ClientHeaders, context: BodyPreparationContext): BodyPreparation {
  body.stream = true;
  for (const field of removedFields) delete body[field];
  if (typeof body.instructions !== 'string') body.instructions = '';
  const model = typeof body.model === 'string' ? body.model : '';
  if (!xaiReasoningEffortModels.has(model)) dropReasoningEffort(body);
  if (Array.isArray(body.tools)) body.tools = body.tools.flatMap(xaiTool);
  if (!Array.isArray(body.tools) || body.tools.length === 0) {
    delete body.tools;
    delete body.tool_choice;
    delete body.parallel_tool_calls;
  }
  const conversation = conversationId(body, model, context);
  return conversation ? { cloak: { sessionId: conversation, requestId: randomUuid(context.generateId) } } : {};
}

function dropReasoningEffort(body: Record<string, unknown>): void {
  if (!isRecord(body.reasoning) || !('effort' in body.reasoning)) return;
  const { effort: _dropped, ...rest } = body.reasoning;
  if (Object.keys(rest).length === 0) delete body.reasoning;
  else body.reasoning = rest;
}

/** One client tool as xAI takes it: none, or a copy with the fields it refuses changed. */
function xaiTool(tool: unknown): unknown[] {
  if (!isRecord(tool)) return [tool];
  const type = tool.type;
  if (typeof type === 'string' && droppedToolTypes.has(type)) return [];
  if (type === 'custom') return tool.name === 'apply_patch' ? [] : [withParameters({ ...tool, type: 'function' })];
  if (type === 'function') return [withParameters(tool)];
  if (type === 'web_search' && 'external_web_access' in tool) {
    const { external_web_access: _dropped, ...rest } = tool;
    return [rest];
  }
  return [tool];
}

function withParameters(tool: Record<string, unknown>): Record<string, unknown> {
  return tool.parameters === undefined ? { ...tool, parameters: { type: 'object', properties: {} } } : tool;
}

/** The client's `prompt_cache_key`; a Grok Composer model without one gets a fresh id (it needs an isolated conversation). */
function conversationId(body: Record<string, unknown>, model: string, context: BodyPreparationContext): string | undefined {
  if (typeof body.prompt_cache_key === 'string' && body.prompt_cache_key.trim()) return body.prompt_cache_key.trim();
  if (!model.startsWith('grok-composer-')) return undefined;
  const id = randomUuid(context.generateId);
  body.prompt_cache_key = id;
  return id;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
