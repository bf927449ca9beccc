import type { CanonicalFinish, CanonicalStreamPart, TranslationContext } from '../../canonical/index';
import type { SseEvent } from '../../sse/sse-event';
import type { StreamDecoder } from '../../sse/stream-codec';
import type { AnthropicUsage } from './anthropic-messages-schemas';
import { convertAnthropicUsageToCanonical, mergeAnthropicUsage } from './convert-anthropic-messages-usage';
import {
  closeAllBlocks,
  decodeBlockDelta,
  decodeBlockStart,
  decodeBlockStop,
  type BlockState,
} from './decode-anthropic-messages-stream-blocks';
import { mapAnthropicErrorTypeToStatus } from './map-anthropic-messages-error-type';
import { mapAnthropicStopReasonToFinish } from './map-anthropic-messages-finish-reason';

/**
 * An Anthropic upstream's SSE stream ("Streaming Messages": message_start, content_block_start/_delta/
 * _stop, message_delta, message_stop, ping, error) -> canonical stream parts. Usage from message_start
 * (input) and message_delta (cumulative totals) is merged; `finish` is emitted at message_stop.
 */
interface DecoderState extends BlockState {
  started: boolean;
  terminated: boolean;
  usage: AnthropicUsage;
  /** Set by message_delta; undefined while the model is still generating. */
  stopReason: string | undefined;
  stopSequence: string | null | undefined;
}

type Json = Record<string, unknown>;

export function createAnthropicMessagesStreamDecoder(context: TranslationContext): StreamDecoder {
  const state: DecoderState = {
    blocks: new Map(),
    usedIndexes: new Set(),
    started: false,
    terminated: false,
    usage: {},
    stopReason: undefined,
    stopSequence: undefined,
  };
  return {
    decode: (event) => (state.terminated ? [] : decodeEvent(state, event, context)),
    flush: () => (state.terminated ? [] : flushDecoder(state, context)),
  };
}

function decodeEvent(state: DecoderState, event: SseEvent, context: TranslationContext): CanonicalStreamPart[] {
  const data = parseData(event.data);
  if (!data) {
    if (event.event === 'ping' || event.data.trim() === '') return [];
    return fail(state, context, { message: 'The Anthropic upstream sent a stream event that is not JSON', status: 502 });
  }
  const type = typeof data['type'] === 'string' ? data['type'] : event.event;
  switch (type) {
    case 'message_start':
      return onMessageStart(state, data, context);
    case 'content_block_start':
      return [...ensureStarted(state, context), ...decodeBlockStart(state, data)];
    case 'content_block_delta':
      return decodeBlockDelta(state, data);
    case 'content_block_stop':
      return decodeBlockStop(state, data);
    case 'message_delta':
      return onMessageDelta(state, data);
    case 'message_stop':
      return finishStream(state, context, mapAnthropicStopReasonToFinish(state.stopReason, state.stopSequence));
    case 'error':
      return onError(state, data, context);
    default:
      // ping and event types added later.
      return [];
  }
}

function parseData(text: string): Json | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Json) : undefined;
  } catch {
    return undefined;
  }
}

function onMessageStart(state: DecoderState, data: Json, context: TranslationContext): CanonicalStreamPart[] {
  if (state.started) return [];
  const message = typeof data['message'] === 'object' && data['message'] !== null ? (data['message'] as Json) : {};
  state.started = true;
  const id = typeof message['id'] === 'string' ? message['id'] : context.generateId('msg');
  const model = typeof message['model'] === 'string' ? message['model'] : '';
  const parts: CanonicalStreamPart[] = [{ type: 'response-start', id, model, created: Math.floor(context.now() / 1000) }];
  const usage = readUsage(message['usage']);
  if (usage) {
    state.usage = mergeAnthropicUsage(state.usage, usage);
    parts.push({ type: 'usage', usage: convertAnthropicUsageToCanonical(state.usage) });
  }
  return parts;
}

function onMessageDelta(state: DecoderState, data: Json): CanonicalStreamPart[] {
  const delta = typeof data['delta'] === 'object' && data['delta'] !== null ? (data['delta'] as Json) : {};
  if (typeof delta['stop_reason'] === 'string') state.stopReason = delta['stop_reason'];
  if (typeof delta['stop_sequence'] === 'string' || delta['stop_sequence'] === null) state.stopSequence = delta['stop_sequence'];
  const usage = readUsage(data['usage']);
  if (!usage) return [];
  state.usage = mergeAnthropicUsage(state.usage, usage);
  return [{ type: 'usage', usage: convertAnthropicUsageToCanonical(state.usage) }];
}

function readUsage(value: unknown): AnthropicUsage | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const raw = value as Json;
  const usage: AnthropicUsage = {};
  for (const key of ['input_tokens', 'output_tokens', 'cache_creation_input_tokens', 'cache_read_input_tokens'] as const) {
    if (typeof raw[key] === 'number') usage[key] = raw[key];
  }
  const details = raw['output_tokens_details'];
  if (typeof details === 'object' && details !== null && typeof (details as Json)['thinking_tokens'] === 'number') {
    usage.output_tokens_details = { thinking_tokens: (details as Json)['thinking_tokens'] as number };
  }
  return usage;
}

function onError(state: DecoderState, data: Json, context: TranslationContext): CanonicalStreamPart[] {
  const error = typeof data['error'] === 'object' && data['error'] !== null ? (data['error'] as Json) : {};
  const type = typeof error['type'] === 'string' ? error['type'] : undefined;
  const message = typeof error['message'] === 'string' ? error['message'] : 'Anthropic stream error';
  return fail(state, context, { message, status: mapAnthropicErrorTypeToStatus(type), ...(type ? { code: type } : {}) });
}

function ensureStarted(state: DecoderState, context: TranslationContext): CanonicalStreamPart[] {
  if (state.started) return [];
  state.started = true;
  return [{ type: 'response-start', id: context.generateId('msg'), model: '', created: Math.floor(context.now() / 1000) }];
}

function finishStream(state: DecoderState, context: TranslationContext, finish: CanonicalFinish): CanonicalStreamPart[] {
  const parts = [...ensureStarted(state, context), ...closeAllBlocks(state)];
  state.terminated = true;
  parts.push({ type: 'finish', finish, usage: convertAnthropicUsageToCanonical(state.usage) });
  return parts;
}

function fail(
  state: DecoderState,
  context: TranslationContext,
  error: { message: string; status: number; code?: string },
): CanonicalStreamPart[] {
  const parts = [...ensureStarted(state, context), ...closeAllBlocks(state)];
  state.terminated = true;
  parts.push({ type: 'error', error });
  return parts;
}

/**
 * The upstream ended without message_stop. After message_delta the answer is complete (only the stop
 * event was lost): finish with its stop reason. Before it the answer was cut: finish with 'error'.
 * Nothing at all: an error, since there is no answer to finish.
 */
function flushDecoder(state: DecoderState, context: TranslationContext): CanonicalStreamPart[] {
  if (!state.started) return fail(state, context, { message: 'The Anthropic upstream stream ended before message_start', status: 502 });
  if (state.stopReason !== undefined) return finishStream(state, context, mapAnthropicStopReasonToFinish(state.stopReason, state.stopSequence));
  return finishStream(state, context, { reason: 'error' });
}
