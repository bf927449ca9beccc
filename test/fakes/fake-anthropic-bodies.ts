/**
 * Pure builders of Anthropic Messages wire bodies for the fake upstream, shaped after the API reference
 * (https://docs.anthropic.com/en/api/messages, .../messages-streaming, .../errors, .../models-list) and
 * what api.anthropic.com sends (`ping` after the first content_block_start, cumulative usage).
 */
import { estimateTokens, isRecord, splitContent } from './fake-openai-bodies';
import type { FakeAnthropicBlock } from './fake-anthropic-types';

export interface AnthropicPlan {
  id: string;
  model: string;
  blocks: FakeAnthropicBlock[];
  stopReason: string;
  stopSequence: string | null;
  inputTokens: number;
  outputTokens: number;
  /** Deltas per text/thinking block; undefined = one per word. */
  chunks: number | undefined;
}

export interface PlanInput {
  serial: number;
  body: unknown;
  defaultText: string;
  content?: string | FakeAnthropicBlock[];
  stopReason?: string;
  stopSequence?: string;
  chunks?: number;
}

/**
 * The reply: the scripted content, else a tool_use for the first tool when the last user text mentions
 * "weather" (so tool loops can be tested end to end), else the default text; a thinking block first
 * when the request enabled thinking.
 */
export function planReply(input: PlanInput): AnthropicPlan {
  const body = isRecord(input.body) ? input.body : {};
  const blocks = fillBlocks(replyBlocks(body, input), input.serial);
  const hasToolUse = blocks.some((block) => block.type === 'tool_use');
  return {
    id: `msg_fake${input.serial}`,
    model: typeof body['model'] === 'string' ? body['model'] : 'claude-sonnet-4-5',
    blocks,
    stopReason: input.stopReason ?? (input.stopSequence !== undefined ? 'stop_sequence' : hasToolUse ? 'tool_use' : 'end_turn'),
    stopSequence: input.stopSequence ?? null,
    inputTokens: estimateInputTokens(body),
    outputTokens: Math.max(1, estimateTokens(JSON.stringify(blocks))),
    chunks: input.chunks,
  };
}

function replyBlocks(body: Record<string, unknown>, input: PlanInput): FakeAnthropicBlock[] {
  if (Array.isArray(input.content)) return input.content;
  if (typeof input.content === 'string') return [{ type: 'text', text: input.content }];
  const thinking: FakeAnthropicBlock[] = thinkingEnabled(body) ? [{ type: 'thinking', thinking: 'Thinking about it.' }] : [];
  const tool = firstTool(body);
  if (tool && /\bweather\b/i.test(lastUserText(body))) {
    return [...thinking, { type: 'tool_use', name: tool.name, input: sampleInput(tool.schema) }];
  }
  return [...thinking, { type: 'text', text: input.defaultText }];
}

function fillBlocks(blocks: FakeAnthropicBlock[], serial: number): FakeAnthropicBlock[] {
  return blocks.map((block, index) => {
    if (block.type === 'tool_use' && block.id === undefined) return { ...block, id: `toolu_fake${serial}_${index}` };
    if (block.type === 'thinking' && block.signature === undefined) return { ...block, signature: `sig_fake${serial}_${index}` };
    return block;
  });
}

function thinkingEnabled(body: Record<string, unknown>): boolean {
  const thinking = body['thinking'];
  return isRecord(thinking) && (thinking['type'] === 'enabled' || thinking['type'] === 'adaptive');
}

function firstTool(body: Record<string, unknown>): { name: string; schema: unknown } | undefined {
  const tools = body['tools'];
  if (!Array.isArray(tools)) return undefined;
  const tool: unknown = tools.find((entry) => isRecord(entry) && typeof entry['name'] === 'string' && isRecord(entry['input_schema']));
  return isRecord(tool) ? { name: String(tool['name']), schema: tool['input_schema'] } : undefined;
}

/** Text of the last user message (tool_result blocks do not count: after the tool ran, the fake answers). */
function lastUserText(body: Record<string, unknown>): string {
  const messages = Array.isArray(body['messages']) ? body['messages'] : [];
  const last: unknown = [...messages].reverse().find((message) => isRecord(message) && message['role'] === 'user');
  if (!isRecord(last)) return '';
  const content = last['content'];
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .filter((block): block is Record<string, unknown> => isRecord(block) && block['type'] === 'text')
    .map((block) => String(block['text']))
    .join(' ');
}

/** Deterministic arguments for a tool schema: strings 'Paris', numbers 1, booleans true. */
function sampleInput(schema: unknown): Record<string, unknown> {
  const properties = isRecord(schema) && isRecord(schema['properties']) ? schema['properties'] : {};
  const input: Record<string, unknown> = {};
  for (const [key, property] of Object.entries(properties)) {
    const type = isRecord(property) ? property['type'] : undefined;
    input[key] = type === 'number' || type === 'integer' ? 1 : type === 'boolean' ? true : 'Paris';
  }
  return input;
}

/** Rough prompt size: system, messages and tools (about 4 characters per token). */
export function estimateInputTokens(body: unknown): number {
  if (!isRecord(body)) return 0;
  const text = JSON.stringify([body['system'] ?? '', body['messages'] ?? [], body['tools'] ?? []]);
  return Math.max(1, estimateTokens(text));
}

function usage(plan: AnthropicPlan, outputTokens: number): Record<string, unknown> {
  return { input_tokens: plan.inputTokens, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: outputTokens };
}

function wireBlock(block: FakeAnthropicBlock): Record<string, unknown> {
  switch (block.type) {
    case 'text':
      return { type: 'text', text: block.text };
    case 'thinking':
      return { type: 'thinking', thinking: block.thinking, signature: block.signature ?? '' };
    case 'redacted_thinking':
      return { type: 'redacted_thinking', data: block.data };
    case 'tool_use':
      return { type: 'tool_use', id: block.id ?? '', name: block.name, input: block.input };
  }
}

export function buildMessageBody(plan: AnthropicPlan): Record<string, unknown> {
  return {
    id: plan.id,
    type: 'message',
    role: 'assistant',
    model: plan.model,
    content: plan.blocks.map(wireBlock),
    stop_reason: plan.stopReason,
    stop_sequence: plan.stopSequence,
    usage: usage(plan, plan.outputTokens),
  };
}

export interface AnthropicEvent {
  event: string;
  data: Record<string, unknown>;
}

const ev = (type: string, payload: Record<string, unknown> = {}): AnthropicEvent => ({ event: type, data: { type, ...payload } });

/** Every SSE event of the stream, in the order api.anthropic.com sends them. */
export function buildStreamEvents(plan: AnthropicPlan): AnthropicEvent[] {
  const message = { ...buildMessageBody(plan), content: [], stop_reason: null, stop_sequence: null, usage: usage(plan, 1) };
  const events = [ev('message_start', { message })];
  plan.blocks.forEach((block, index) => {
    events.push(ev('content_block_start', { index, content_block: startBlock(block) }));
    if (index === 0) events.push(ev('ping'));
    for (const delta of blockDeltas(block, plan.chunks)) events.push(ev('content_block_delta', { index, delta }));
    events.push(ev('content_block_stop', { index }));
  });
  events.push(ev('message_delta', { delta: { stop_reason: plan.stopReason, stop_sequence: plan.stopSequence }, usage: { output_tokens: plan.outputTokens } }));
  events.push(ev('message_stop'));
  return events;
}

function startBlock(block: FakeAnthropicBlock): Record<string, unknown> {
  switch (block.type) {
    case 'text':
      return { type: 'text', text: '' };
    case 'thinking':
      return { type: 'thinking', thinking: '', signature: '' };
    case 'redacted_thinking':
      return { type: 'redacted_thinking', data: block.data };
    case 'tool_use':
      return { type: 'tool_use', id: block.id ?? '', name: block.name, input: {} };
  }
}

function blockDeltas(block: FakeAnthropicBlock, chunks: number | undefined): Array<Record<string, unknown>> {
  switch (block.type) {
    case 'text':
      return splitContent(block.text, chunks).map((text) => ({ type: 'text_delta', text }));
    case 'thinking':
      return [
        ...splitContent(block.thinking, chunks).map((thinking) => ({ type: 'thinking_delta', thinking })),
        { type: 'signature_delta', signature: block.signature ?? '' },
      ];
    case 'redacted_thinking':
      return [];
    case 'tool_use': {
      // Anthropic starts with an empty partial_json, then streams the arguments in pieces.
      const pieces = ['', ...splitContent(JSON.stringify(block.input), 2)];
      return pieces.map((partial_json) => ({ type: 'input_json_delta', partial_json }));
    }
  }
}

export function formatEvent(event: AnthropicEvent): string {
  return `event: ${event.event}\ndata: ${JSON.stringify(event.data)}\n\n`;
}

/** Anthropic error envelope (https://docs.anthropic.com/en/api/errors). */
export function buildErrorBody(status: number, message?: string, requestId = 'req_fake'): Record<string, unknown> {
  const type = errorTypeFor(status);
  return { type: 'error', error: { type, message: message ?? defaultMessage(type, status) }, request_id: requestId };
}

export function errorTypeFor(status: number): string {
  const known: Record<number, string> = {
    400: 'invalid_request_error',
    401: 'authentication_error',
    402: 'billing_error',
    403: 'permission_error',
    404: 'not_found_error',
    413: 'request_too_large',
    429: 'rate_limit_error',
    500: 'api_error',
    504: 'timeout_error',
    529: 'overloaded_error',
  };
  return known[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error');
}

function defaultMessage(type: string, status: number): string {
  if (type === 'overloaded_error') return 'Overloaded';
  if (type === 'rate_limit_error') return 'Number of request tokens has exceeded your per-minute rate limit';
  return `Fake upstream error ${status}`;
}

/** GET /v1/models (https://docs.anthropic.com/en/api/models-list). */
export function buildModelList(ids: readonly string[]): Record<string, unknown> {
  const data = ids.map((id) => ({ type: 'model', id, display_name: id, created_at: '2025-09-29T00:00:00Z' }));
  return { data, has_more: false, first_id: ids[0] ?? null, last_id: ids[ids.length - 1] ?? null };
}
