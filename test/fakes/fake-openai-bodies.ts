/**
 * Pure builders of OpenAI wire bodies for the fake upstream. Shapes follow the OpenAI API reference
 * (https://platform.openai.com/docs/api-reference/chat/object, .../chat/streaming, .../completions/object)
 * and what api.openai.com actually sends (e.g. `usage: null` on every chunk when include_usage is set).
 */

export type CompletionKind = 'chat' | 'text';

export interface CompletionPlan {
  kind: CompletionKind;
  id: string;
  created: number;
  model: string;
  content: string;
  /** Content pieces for the stream form. */
  pieces: string[];
  promptTokens: number;
  /** Include a usage object (non-stream) or usage chunk (stream). */
  includeUsage: boolean;
  /** Stream request asked for stream_options.include_usage, so every chunk carries `usage: null`. */
  usageNullOnChunks: boolean;
  /** Answer with this tool call instead of text (chat only). */
  toolCall?: { id: string; name: string; arguments: string };
}

/**
 * The fake's tool rule, shared by every fake upstream: a request that offers tools and whose last user
 * text mentions the weather gets a call of its first tool, so end-to-end tool tests need no scripting.
 */
export const fakeToolArguments = '{"city":"Paris"}';
export function wantsWeatherTool(lastUserText: string, toolNames: readonly string[]): string | undefined {
  return toolNames.length > 0 && /weather/i.test(lastUserText) ? toolNames[0] : undefined;
}

const SYSTEM_FINGERPRINT = 'fp_fake';

/** Rough token estimate (about 4 characters per token); deterministic so tests can assert it. */
export function estimateTokens(text: string): number {
  return text.length === 0 ? 0 : Math.ceil(text.length / 4);
}

/** Split `content` into `count` consecutive pieces; default one piece per word (space kept in front). */
export function splitContent(content: string, count?: number): string[] {
  if (count === undefined) {
    const words = content.match(/\s*\S+/g);
    return words ?? [content];
  }
  const n = Math.max(1, Math.floor(count));
  const pieces: string[] = [];
  for (let i = 0; i < n; i += 1) {
    const start = Math.floor((i * content.length) / n);
    const end = Math.floor(((i + 1) * content.length) / n);
    pieces.push(content.slice(start, end));
  }
  return pieces;
}

export function buildUsage(plan: CompletionPlan): Record<string, unknown> {
  const completionTokens = estimateTokens(plan.content);
  return {
    prompt_tokens: plan.promptTokens,
    completion_tokens: completionTokens,
    total_tokens: plan.promptTokens + completionTokens,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0 },
  };
}

export function buildCompletionBody(plan: CompletionPlan): Record<string, unknown> {
  const common = { id: plan.id, created: plan.created, model: plan.model };
  const usage = plan.includeUsage ? { usage: buildUsage(plan) } : {};
  if (plan.kind === 'text') {
    const choice = { text: plan.content, index: 0, logprobs: null, finish_reason: 'stop' };
    return { ...common, object: 'text_completion', choices: [choice], ...usage };
  }
  const message = plan.toolCall
    ? { role: 'assistant', content: null, refusal: null, annotations: [], tool_calls: [{ id: plan.toolCall.id, type: 'function', function: { name: plan.toolCall.name, arguments: plan.toolCall.arguments } }] }
    : { role: 'assistant', content: plan.content, refusal: null, annotations: [] };
  return {
    ...common,
    object: 'chat.completion',
    choices: [{ index: 0, message, logprobs: null, finish_reason: plan.toolCall ? 'tool_calls' : 'stop' }],
    ...usage,
    service_tier: 'default',
    system_fingerprint: SYSTEM_FINGERPRINT,
  };
}

/** Every SSE data payload of the stream, in order, without the final '[DONE]'. */
export function buildStreamChunks(plan: CompletionPlan): Record<string, unknown>[] {
  return plan.kind === 'text' ? buildTextChunks(plan) : buildChatChunks(plan);
}

function buildChatChunks(plan: CompletionPlan): Record<string, unknown>[] {
  const base = {
    id: plan.id,
    object: 'chat.completion.chunk',
    created: plan.created,
    model: plan.model,
    service_tier: 'default',
    system_fingerprint: SYSTEM_FINGERPRINT,
  };
  const usageNull = plan.usageNullOnChunks ? { usage: null } : {};
  const choice = (delta: Record<string, unknown>, finishReason: string | null): Record<string, unknown> => ({
    ...base,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    ...usageNull,
  });
  const chunks = [choice({ role: 'assistant', content: plan.toolCall ? null : '', refusal: null }, null)];
  if (plan.toolCall) {
    const { id, name, arguments: args } = plan.toolCall;
    chunks.push(choice({ tool_calls: [{ index: 0, id, type: 'function', function: { name, arguments: '' } }] }, null));
    for (const piece of splitContent(args, 3)) chunks.push(choice({ tool_calls: [{ index: 0, function: { arguments: piece } }] }, null));
    chunks.push(choice({}, 'tool_calls'));
  } else {
    for (const piece of plan.pieces) chunks.push(choice({ content: piece }, null));
    chunks.push(choice({}, 'stop'));
  }
  if (plan.includeUsage) chunks.push({ ...base, choices: [], usage: buildUsage(plan) });
  return chunks;
}

function buildTextChunks(plan: CompletionPlan): Record<string, unknown>[] {
  const base = { id: plan.id, object: 'text_completion', created: plan.created, model: plan.model };
  const usageNull = plan.usageNullOnChunks ? { usage: null } : {};
  const choice = (text: string, finishReason: string | null): Record<string, unknown> => ({
    ...base,
    choices: [{ text, index: 0, logprobs: null, finish_reason: finishReason }],
    ...usageNull,
  });
  const chunks = plan.pieces.map((piece) => choice(piece, null));
  chunks.push(choice('', 'stop'));
  if (plan.includeUsage) chunks.push({ ...base, choices: [], usage: buildUsage(plan) });
  return chunks;
}

export function buildModelList(created: number): Record<string, unknown> {
  const ids = ['gpt-4o', 'gpt-4o-mini', 'gpt-4.1', 'o3-mini'];
  return {
    object: 'list',
    data: ids.map((id) => ({ id, object: 'model', created, owned_by: 'fake' })),
  };
}

/** OpenAI error envelope (https://platform.openai.com/docs/guides/error-codes). */
export function buildErrorBody(status: number, message?: string): Record<string, unknown> {
  const { type, code } = describeStatus(status);
  return { error: { message: message ?? `Fake upstream error ${status}`, type, param: null, code } };
}

function describeStatus(status: number): { type: string; code: string | null } {
  if (status === 401) return { type: 'invalid_request_error', code: 'invalid_api_key' };
  if (status === 403) return { type: 'invalid_request_error', code: 'unsupported_country_region_territory' };
  if (status === 404) return { type: 'invalid_request_error', code: 'unknown_url' };
  if (status === 429) return { type: 'requests', code: 'rate_limit_exceeded' };
  if (status >= 500) return { type: 'server_error', code: null };
  return { type: 'invalid_request_error', code: null };
}

/** Prompt size from the request body: all message contents (chat) or the prompt (text). */
export function estimatePromptTokens(body: unknown): number {
  if (!isRecord(body)) return 0;
  const prompt = body['prompt'];
  if (typeof prompt === 'string') return estimateTokens(prompt);
  const messages = body['messages'];
  if (!Array.isArray(messages)) return 0;
  let text = '';
  for (const message of messages) {
    if (!isRecord(message)) continue;
    const content = message['content'];
    text += typeof content === 'string' ? content : JSON.stringify(content ?? '');
  }
  return estimateTokens(text);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
