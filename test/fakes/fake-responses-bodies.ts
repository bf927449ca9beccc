/**
 * Pure builders of OpenAI Responses wire bodies for the fake upstream, written from the API reference
 * (platform.openai.com/docs/api-reference/responses/object and .../responses-streaming) and what
 * api.openai.com and the Codex backend send: every stream event has `event: <type>`, a JSON `type` and a
 * `sequence_number` from 0; response.completed carries every output item and the usage.
 */
import { estimateTokens, isRecord } from './fake-openai-bodies';

export interface ResponsesPlan {
  id: string;
  createdAt: number;
  model: string;
  /** Reasoning summary text (a reasoning item is emitted when set) and its encrypted_content. */
  reasoning?: { text: string; pieces: string[]; encryptedContent?: string };
  /** Assistant text; '' means no message item. */
  content: string;
  pieces: string[];
  functionCall?: { callId: string; name: string; arguments: string; pieces: string[] };
  inputTokens: number;
  incompleteReason?: 'max_output_tokens' | 'content_filter';
  /** Request fields echoed in response objects. */
  echo: Record<string, unknown>;
}

export interface ResponsesEvent {
  type: string;
  payload: Record<string, unknown>;
}

const itemIds = (plan: ResponsesPlan) => ({ reasoning: `rs_${plan.id}`, message: `msg_${plan.id}`, call: `fc_${plan.id}` });

export function buildResponsesUsage(plan: ResponsesPlan): Record<string, unknown> {
  const reasoningTokens = estimateTokens(plan.reasoning?.text ?? '');
  const outputTokens = estimateTokens(plan.content) + estimateTokens(plan.functionCall?.arguments ?? '') + reasoningTokens;
  return {
    input_tokens: plan.inputTokens,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: outputTokens,
    output_tokens_details: { reasoning_tokens: reasoningTokens },
    total_tokens: plan.inputTokens + outputTokens,
  };
}

function outputText(text: string): Record<string, unknown> {
  return { type: 'output_text', annotations: [], logprobs: [], text };
}

/** The finished output items, in output_index order. */
export function buildOutputItems(plan: ResponsesPlan): Record<string, unknown>[] {
  const ids = itemIds(plan);
  const items: Record<string, unknown>[] = [];
  if (plan.reasoning) {
    const item: Record<string, unknown> = { id: ids.reasoning, type: 'reasoning', summary: [{ type: 'summary_text', text: plan.reasoning.text }] };
    if (plan.reasoning.encryptedContent) item['encrypted_content'] = plan.reasoning.encryptedContent;
    items.push(item);
  }
  if (plan.content) {
    const status = plan.incompleteReason ? 'incomplete' : 'completed';
    items.push({ id: ids.message, type: 'message', status, role: 'assistant', content: [outputText(plan.content)] });
  }
  if (plan.functionCall) {
    const { callId, name, arguments: args } = plan.functionCall;
    items.push({ id: ids.call, type: 'function_call', status: 'completed', arguments: args, call_id: callId, name });
  }
  return items;
}

export function buildResponseObject(plan: ResponsesPlan, status: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const finished = status !== 'in_progress';
  return {
    id: plan.id,
    object: 'response',
    created_at: plan.createdAt,
    status,
    background: false,
    error: null,
    incomplete_details: status === 'incomplete' && plan.incompleteReason ? { reason: plan.incompleteReason } : null,
    model: plan.model,
    output: finished ? buildOutputItems(plan) : [],
    parallel_tool_calls: true,
    store: false,
    tool_choice: 'auto',
    tools: [],
    ...plan.echo,
    usage: finished ? buildResponsesUsage(plan) : null,
    ...extra,
  };
}

/** The non-stream body. */
export function buildResponseBody(plan: ResponsesPlan): Record<string, unknown> {
  return buildResponseObject(plan, plan.incompleteReason ? 'incomplete' : 'completed');
}

/** Every stream event in order (without sequence numbers: the writer numbers them). */
export function buildResponsesEvents(plan: ResponsesPlan): ResponsesEvent[] {
  const event = (type: string, payload: Record<string, unknown> = {}): ResponsesEvent => ({ type, payload });
  const events = [event('response.created', { response: buildResponseObject(plan, 'in_progress') }), event('response.in_progress', { response: buildResponseObject(plan, 'in_progress') })];
  const items = buildOutputItems(plan);
  let outputIndex = 0;
  const builders = [plan.reasoning && reasoningEvents, plan.content && messageEvents, plan.functionCall && functionCallEvents];
  for (const build of builders) {
    if (!build) continue;
    events.push(...build(plan, outputIndex, items[outputIndex] ?? {}, event));
    outputIndex += 1;
  }
  const terminal = plan.incompleteReason ? 'response.incomplete' : 'response.completed';
  events.push(event(terminal, { response: buildResponseBody(plan) }));
  return events;
}

type MakeEvent = (type: string, payload?: Record<string, unknown>) => ResponsesEvent;

function reasoningEvents(plan: ResponsesPlan, outputIndex: number, done: Record<string, unknown>, event: MakeEvent): ResponsesEvent[] {
  const reasoning = plan.reasoning;
  if (!reasoning) return [];
  const ids = { item_id: itemIds(plan).reasoning, output_index: outputIndex, summary_index: 0 };
  return [
    event('response.output_item.added', { output_index: outputIndex, item: { id: ids.item_id, type: 'reasoning', summary: [] } }),
    event('response.reasoning_summary_part.added', { ...ids, part: { type: 'summary_text', text: '' } }),
    ...reasoning.pieces.map((delta) => event('response.reasoning_summary_text.delta', { ...ids, delta })),
    event('response.reasoning_summary_text.done', { ...ids, text: reasoning.text }),
    event('response.reasoning_summary_part.done', { ...ids, part: { type: 'summary_text', text: reasoning.text } }),
    event('response.output_item.done', { output_index: outputIndex, item: done }),
  ];
}

function messageEvents(plan: ResponsesPlan, outputIndex: number, done: Record<string, unknown>, event: MakeEvent): ResponsesEvent[] {
  const ids = { item_id: itemIds(plan).message, output_index: outputIndex, content_index: 0 };
  return [
    event('response.output_item.added', { output_index: outputIndex, item: { id: ids.item_id, type: 'message', status: 'in_progress', role: 'assistant', content: [] } }),
    event('response.content_part.added', { ...ids, part: outputText('') }),
    ...plan.pieces.map((delta) => event('response.output_text.delta', { ...ids, delta, logprobs: [] })),
    event('response.output_text.done', { ...ids, text: plan.content, logprobs: [] }),
    event('response.content_part.done', { ...ids, part: outputText(plan.content) }),
    event('response.output_item.done', { output_index: outputIndex, item: done }),
  ];
}

function functionCallEvents(plan: ResponsesPlan, outputIndex: number, done: Record<string, unknown>, event: MakeEvent): ResponsesEvent[] {
  const call = plan.functionCall;
  if (!call) return [];
  const itemId = itemIds(plan).call;
  return [
    event('response.output_item.added', { output_index: outputIndex, item: { id: itemId, type: 'function_call', status: 'in_progress', arguments: '', call_id: call.callId, name: call.name } }),
    ...call.pieces.map((delta) => event('response.function_call_arguments.delta', { item_id: itemId, output_index: outputIndex, delta })),
    event('response.function_call_arguments.done', { item_id: itemId, output_index: outputIndex, arguments: call.arguments }),
    event('response.output_item.done', { output_index: outputIndex, item: done }),
  ];
}

/** A stream that fails: created, in_progress, response.failed with `error: {code, message}`. */
export function buildFailedEvents(plan: ResponsesPlan, code: string, message: string): ResponsesEvent[] {
  const failed = buildResponseObject(plan, 'failed', { error: { code, message }, output: [], usage: null });
  return [
    { type: 'response.created', payload: { response: buildResponseObject(plan, 'in_progress') } },
    { type: 'response.in_progress', payload: { response: buildResponseObject(plan, 'in_progress') } },
    { type: 'response.failed', payload: { response: failed } },
  ];
}

export function formatResponsesEvent(event: ResponsesEvent, sequence: number): string {
  return `event: ${event.type}\ndata: ${JSON.stringify({ type: event.type, sequence_number: sequence, ...event.payload })}\n\n`;
}

/** The last user text of a Responses request (string input or the last user message item). */
export function lastUserText(body: unknown): string {
  if (!isRecord(body)) return '';
  const input = body['input'];
  if (typeof input === 'string') return input;
  if (!Array.isArray(input)) return '';
  for (let index = input.length - 1; index >= 0; index -= 1) {
    const item: unknown = input[index];
    if (!isRecord(item) || item['role'] !== 'user') continue;
    const content = item['content'];
    if (typeof content === 'string') return content;
    if (Array.isArray(content)) return content.map((part: unknown) => (isRecord(part) && typeof part['text'] === 'string' ? part['text'] : '')).join(' ');
  }
  return '';
}

/** The first function tool of the request, if any. */
export function firstFunctionTool(body: unknown): string | undefined {
  const tools = isRecord(body) ? body['tools'] : undefined;
  if (!Array.isArray(tools)) return undefined;
  const tool: unknown = tools.find((entry: unknown) => isRecord(entry) && entry['type'] === 'function' && typeof entry['name'] === 'string');
  return isRecord(tool) ? (tool['name'] as string) : undefined;
}

/** Prompt size from instructions + input, about 4 characters per token. */
export function estimateInputTokens(body: unknown): number {
  if (!isRecord(body)) return 0;
  const instructions = typeof body['instructions'] === 'string' ? body['instructions'] : '';
  const input = body['input'];
  return estimateTokens(instructions + (typeof input === 'string' ? input : JSON.stringify(input ?? '')));
}
