import type { CanonicalFinish, CanonicalStreamPart, CanonicalStreamError, TranslationContext } from '../../canonical/index';
import type { SseEvent } from '../../sse/sse-event';
import type { StreamDecoder } from '../../sse/stream-codec';
import { convertOpenAIChatUsage } from './convert-openai-chat-usage';
import { applyToolCallDeltas, applyToolCallFragment, legacyFunctionKey, startNamelessToolCalls } from './decode-openai-chat-stream-tools';
import { mapOpenAIChatFinishReason } from './map-openai-chat-finish-reason';
import type { OpenAIChatUpstreamChunk, OpenAIChatUpstreamDelta } from './openai-chat-schemas';
import { closeAllBlocks, closeReasoning, closeText, closeToolCalls, createChatDecoderState, type ChatDecoderState } from './openai-chat-stream-state';
import { readOpenAIChatReasoning, readOpenAIChatText } from './read-openai-chat-message';
import { readOpenAIChatUpstreamChunk } from './read-openai-chat-upstream';

/**
 * Upstream `chat.completion.chunk` SSE -> canonical stream parts (chat reference, "The chat completion
 * chunk object"). `finish_reason` closes the blocks but the `finish` part waits for `data: [DONE]` (or
 * the end of the stream), because the usage chunk (`choices: []`) comes after the finish_reason chunk.
 */
export function createOpenAIChatStreamDecoder(context: TranslationContext): StreamDecoder {
  const state = createChatDecoderState(context);
  return {
    decode: (event) => (state.terminated ? [] : decodeEvent(event, state)),
    flush: () => (state.terminated ? [] : finishStream(state, false)),
  };
}

function decodeEvent(event: SseEvent, state: ChatDecoderState): CanonicalStreamPart[] {
  const data = event.data.trim();
  if (data === '[DONE]') return finishStream(state, true);
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return []; // not a chunk (some servers send stray status lines); nothing to translate
  }
  const chunk = readOpenAIChatUpstreamChunk(json);
  if (!chunk) return [];
  const out: CanonicalStreamPart[] = [];
  ensureStarted(chunk, state, out);
  if (chunk.error != null) emitError(chunk.error, state, out);
  else handleChunk(chunk, state, out);
  return out;
}

function ensureStarted(chunk: OpenAIChatUpstreamChunk | undefined, state: ChatDecoderState, out: CanonicalStreamPart[]): void {
  if (state.started) return;
  state.started = true;
  out.push({
    type: 'response-start',
    id: chunk?.id || state.context.generateId('chatcmpl'),
    model: chunk?.model ?? '',
    created: chunk?.created ?? Math.floor(state.context.now() / 1000),
  });
}

function handleChunk(chunk: OpenAIChatUpstreamChunk, state: ChatDecoderState, out: CanonicalStreamPart[]): void {
  // Only the first choice is translated: the hub streams one assistant turn.
  const choice = chunk.choices?.find((candidate) => (candidate.index ?? 0) === 0);
  if (choice?.delta) handleDelta(choice.delta, state, out);
  if (choice?.finish_reason) {
    state.finishReason = choice.finish_reason;
    closeAllBlocks(state, out);
  }
  if (chunk.usage) state.usage = chunk.usage;
}

function handleDelta(delta: OpenAIChatUpstreamDelta, state: ChatDecoderState, out: CanonicalStreamPart[]): void {
  const reasoning = readOpenAIChatReasoning(delta);
  if (reasoning) {
    closeText(state, out);
    closeToolCalls(state, out);
    state.reasoningBlock ??= openBlock('reasoning-start', state, out);
    out.push({ type: 'reasoning-delta', index: state.reasoningBlock, delta: reasoning });
  }
  const text = readOpenAIChatText(delta.content) + (delta.refusal ?? '');
  if (text) {
    closeReasoning(state, out);
    closeToolCalls(state, out);
    state.textBlock ??= openBlock('text-start', state, out);
    out.push({ type: 'text-delta', index: state.textBlock, delta: text });
  }
  if (delta.tool_calls?.length || delta.function_call) {
    closeReasoning(state, out);
    closeText(state, out);
    applyToolCallDeltas(delta.tool_calls ?? [], state, out);
    if (delta.function_call) applyToolCallFragment(legacyFunctionKey, delta.function_call, state, out);
  }
}

function openBlock(type: 'text-start' | 'reasoning-start', state: ChatDecoderState, out: CanonicalStreamPart[]): number {
  const index = state.nextBlockIndex++;
  out.push({ type, index });
  return index;
}

/**
 * `[DONE]` or the end of the upstream body. Without a finish_reason, a stream that said `[DONE]` ended
 * normally; one that just stopped was cut off, which is reported as finish reason `error`.
 */
function finishStream(state: ChatDecoderState, sawDone: boolean): CanonicalStreamPart[] {
  const out: CanonicalStreamPart[] = [];
  ensureStarted(undefined, state, out);
  startNamelessToolCalls(state, out);
  closeAllBlocks(state, out);
  out.push({ type: 'finish', finish: inferFinish(state, sawDone), usage: convertOpenAIChatUsage(state.usage) });
  state.terminated = true;
  return out;
}

function inferFinish(state: ChatDecoderState, sawDone: boolean): CanonicalFinish {
  if (state.finishReason) return mapOpenAIChatFinishReason(state.finishReason);
  if (!sawDone) return { reason: 'error' };
  return { reason: state.sawToolCall ? 'tool-calls' : 'stop' };
}

/**
 * An error chunk `{"error":{message,type,code}}` (OpenAI's in-stream error; OpenRouter puts the HTTP
 * status in `code`). Open blocks are closed first so the error is a clean terminal part.
 */
function emitError(error: unknown, state: ChatDecoderState, out: CanonicalStreamPart[]): void {
  closeAllBlocks(state, out);
  out.push({ type: 'error', error: readStreamError(error) });
  state.terminated = true;
}

const statusByType: Record<string, number> = {
  invalid_request_error: 400,
  authentication_error: 401,
  permission_error: 403,
  not_found_error: 404,
  rate_limit_error: 429,
  insufficient_quota: 429,
  server_error: 500,
  overloaded_error: 529,
};

function readStreamError(error: unknown): CanonicalStreamError {
  const record = typeof error === 'object' && error !== null ? (error as Record<string, unknown>) : {};
  const message = typeof record.message === 'string' ? record.message : typeof error === 'string' ? error : 'The upstream stream failed.';
  const type = typeof record.type === 'string' ? record.type : undefined;
  const code = typeof record.code === 'string' ? record.code : type;
  const numericCode = typeof record.code === 'number' ? record.code : undefined;
  const status = numericCode !== undefined && numericCode >= 400 && numericCode < 600 ? numericCode : (statusByType[type ?? ''] ?? 500);
  const result: CanonicalStreamError = { message, status };
  if (code !== undefined) result.code = code;
  return result;
}
