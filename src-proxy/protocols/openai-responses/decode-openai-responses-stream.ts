import type { CanonicalStreamPart, TranslationContext, TranslationWarning } from '../../canonical/index';
import type { SseEvent } from '../../sse/sse-event';
import type { StreamDecoder } from '../../sse/stream-codec';
import { convertOpenAIResponsesUsage } from './convert-openai-responses-usage';
import { decodeOpenAIResponsesOutputItem } from './decode-openai-responses-output';
import { statusForResponsesErrorCode } from './decode-openai-responses-response';
import { mapOpenAIResponsesFinishReason } from './map-openai-responses-finish-reason';
import type { OpenAIResponsesRestore } from './openai-responses-names';
import { upstreamEventSchema, upstreamResponseSchema, type UpstreamEvent, type UpstreamResponse } from './openai-responses-schemas';
import {
  handleArgumentsDelta,
  handleArgumentsDone,
  handleContentPartAdded,
  handleItemAdded,
  handleItemDone,
  handleTextDelta,
  handleTextDone,
} from './stream-decoder-items';
import { handleReasoningDelta, handleReasoningPartDone } from './stream-decoder-reasoning';
import { closeAllBlocks, closeBlock, createDecoderState, ensureStarted, openBlock, type DecoderState } from './stream-decoder-state';

type Handler = (state: DecoderState, event: UpstreamEvent, out: CanonicalStreamPart[]) => void;

/** Event type -> handler (platform.openai.com/docs/api-reference/responses-streaming). Others are ignored. */
const handlers: Record<string, Handler> = {
  'response.created': handleLifecycle,
  'response.in_progress': handleLifecycle,
  'response.queued': handleLifecycle,
  'response.output_item.added': handleItemAdded,
  'response.output_item.done': handleItemDone,
  'response.content_part.added': handleContentPartAdded,
  'response.content_part.done': handleTextDone,
  'response.output_text.delta': handleTextDelta,
  'response.output_text.done': handleTextDone,
  'response.refusal.delta': handleTextDelta,
  'response.refusal.done': handleTextDone,
  'response.function_call_arguments.delta': handleArgumentsDelta,
  'response.function_call_arguments.done': handleArgumentsDone,
  'response.reasoning_summary_text.delta': handleReasoningDelta,
  'response.reasoning_summary_text.done': handleReasoningPartDone,
  'response.reasoning_summary_part.done': handleReasoningPartDone,
  'response.reasoning_text.delta': handleReasoningDelta,
  'response.reasoning_text.done': handleReasoningPartDone,
  'response.completed': handleTerminal,
  'response.incomplete': handleTerminal,
  // Some Responses-compatible servers end with response.done; it carries the same final response.
  'response.done': handleTerminal,
  'response.failed': handleFailed,
  error: handleErrorEvent,
};

/**
 * Upstream Responses SSE -> canonical stream parts. The event type is read from the JSON `type` (the
 * `event:` line is optional on some upstreams). After a terminal event everything is ignored.
 *
 * Truncation rule: an upstream that ends without response.completed / incomplete / failed / error
 * (a dropped connection, a proxy timeout) did not finish its answer, so flush() closes the open blocks
 * and emits an `error` part (status 502, code 'stream_truncated') instead of a finish. Before the
 * client saw content, that lets the router retry on another credential; after, the client gets its
 * wire's error event rather than a silently cut answer.
 */
export function createOpenAIResponsesStreamDecoder(context: TranslationContext, restore?: OpenAIResponsesRestore): StreamDecoder {
  const state = createDecoderState(context, restore);
  return {
    decode(event: SseEvent): CanonicalStreamPart[] {
      if (state.finished || event.data.trim() === '[DONE]') return [];
      const parsed = parseEvent(event);
      const handler = parsed?.type === undefined ? undefined : handlers[parsed.type];
      if (!parsed || !handler) return [];
      const out: CanonicalStreamPart[] = [];
      if (parsed.type !== 'error') ensureStarted(state, out, responseOf(parsed));
      handler(state, parsed, out);
      return out;
    },
    flush(): CanonicalStreamPart[] {
      if (state.finished) return [];
      const out: CanonicalStreamPart[] = [];
      ensureStarted(state, out);
      closeAllBlocks(state, out);
      state.finished = true;
      out.push({ type: 'error', error: { message: 'The upstream stream ended before response.completed.', status: 502, code: 'stream_truncated' } });
      return out;
    },
  };
}

function parseEvent(event: SseEvent): UpstreamEvent | undefined {
  let json: unknown;
  try {
    json = JSON.parse(event.data);
  } catch {
    return undefined;
  }
  const parsed = upstreamEventSchema.safeParse(json);
  if (!parsed.success) return undefined;
  // `event:` names the type when the JSON omits it.
  return parsed.data.type === undefined && event.event ? { ...parsed.data, type: event.event } : parsed.data;
}

function responseOf(event: UpstreamEvent): UpstreamResponse | undefined {
  if (event.response === undefined) return undefined;
  const parsed = upstreamResponseSchema.safeParse(event.response);
  return parsed.success ? parsed.data : undefined;
}

function handleLifecycle(): void {
  // response-start is emitted by ensureStarted from the first event's response object.
}

function handleTerminal(state: DecoderState, event: UpstreamEvent, out: CanonicalStreamPart[]): void {
  const response = responseOf(event);
  hydrateUnseenItems(state, response, out);
  closeAllBlocks(state, out);
  state.finished = true;
  const status = response?.status ?? (event.type === 'response.incomplete' ? 'incomplete' : 'completed');
  const finish = mapOpenAIResponsesFinishReason({ status, incompleteReason: response?.incomplete_details?.reason, hasToolCalls: state.sawToolCall });
  out.push({ type: 'finish', finish, usage: convertOpenAIResponsesUsage(response?.usage) });
}

/** Items only present in the final response (some upstreams stream nothing but response.completed). */
function hydrateUnseenItems(state: DecoderState, response: UpstreamResponse | undefined, out: CanonicalStreamPart[]): void {
  const warnings: TranslationWarning[] = [];
  (response?.output ?? []).forEach((item, outputIndex) => {
    if (state.seenItems.has(outputIndex)) return;
    state.seenItems.add(outputIndex);
    for (const part of decodeOpenAIResponsesOutputItem(item, `output[${outputIndex}]`, state.restore, warnings)) {
      const key = `h:${outputIndex}:${state.nextIndex}`;
      if (part.type === 'text') {
        const block = openBlock(state, key, 'text', out, (index) => ({ type: 'text-start', index }));
        if (part.text) out.push({ type: 'text-delta', index: block.index, delta: part.text });
        closeBlock(block, out);
      } else if (part.type === 'reasoning') {
        const block = openBlock(state, key, 'reasoning', out, (index) => ({ type: 'reasoning-start', index }));
        if (part.text) out.push({ type: 'reasoning-delta', index: block.index, delta: part.text });
        if (part.signature) out.push({ type: 'reasoning-signature', index: block.index, signature: part.signature, format: part.signatureFormat ?? 'openai-responses' });
        closeBlock(block, out);
      } else if (part.type === 'tool-call') {
        state.sawToolCall = true;
        const block = openBlock(state, key, 'tool-call', out, (index) => ({ type: 'tool-call-start', index, id: part.id || state.context.generateId('call'), name: part.name }));
        if (part.arguments) out.push({ type: 'tool-call-delta', index: block.index, argumentsDelta: part.arguments });
        closeBlock(block, out);
      }
    }
  });
}

/** response.failed: the response object carries `error: {code, message}`. */
function handleFailed(state: DecoderState, event: UpstreamEvent, out: CanonicalStreamPart[]): void {
  const error = responseOf(event)?.error ?? undefined;
  closeAllBlocks(state, out);
  state.finished = true;
  const code = error?.code;
  out.push({ type: 'error', error: { message: error?.message ?? 'The upstream response failed.', status: streamErrorStatus(code), ...(code ? { code } : {}) } });
}

/**
 * `error` event: `{"type":"error","code","message","param"}` (the SDK's ResponseErrorEvent); some
 * upstreams nest it as `{"type":"error","error":{"type","code","message"}}`.
 */
function handleErrorEvent(state: DecoderState, event: UpstreamEvent, out: CanonicalStreamPart[]): void {
  ensureStarted(state, out);
  closeAllBlocks(state, out);
  state.finished = true;
  const rawCode = event.code ?? event.error?.code ?? event.error?.type;
  const code = rawCode === null || rawCode === undefined ? undefined : String(rawCode);
  const message = event.message ?? event.error?.message ?? 'The upstream reported an error.';
  out.push({ type: 'error', error: { message, status: streamErrorStatus(code), ...(code ? { code } : {}) } });
}

function streamErrorStatus(code: string | undefined): number {
  const status = statusForResponsesErrorCode(code);
  return status === 502 ? 500 : status;
}
