import type { CanonicalFinish, CanonicalStreamError, CanonicalStreamPart, CanonicalUsage, TranslationContext } from '../../canonical/index';
import type { StreamEncoder } from '../../sse/stream-codec';
import { convertCanonicalUsageToAnthropic } from './convert-anthropic-messages-usage';
import { mapClientStopReason } from './encode-anthropic-messages-response';
import { closeAllBlocks, event, writeBlockPart, writeBlockStart, type BlockWriterState } from './encode-anthropic-messages-stream-blocks';
import { isAnthropicErrorType, mapStatusToAnthropicErrorType } from './map-anthropic-messages-error-type';

export interface AnthropicMessagesStreamOptions {
  /** The model name the client asked for, echoed in message_start. */
  model: string;
  /** Anthropic streams always carry usage; accepted for the common options shape and ignored. */
  includeUsage?: boolean;
  /** Local input-token estimate for message_start when the upstream reports input only at the end. */
  inputTokensEstimate?: number;
}

/**
 * Canonical stream -> the SSE text the Anthropic SDK and Claude Code expect ("Streaming Messages"):
 * message_start (id, model, empty content, usage) -> per block content_block_start / _delta /
 * content_block_stop with indexes 0, 1, 2... -> message_delta (stop_reason, stop_sequence, usage) ->
 * message_stop. message_start waits for the first content part so input usage reported right after the
 * response start is included. An `error` part becomes `event: error` and ends the stream.
 */
interface EncoderState extends BlockWriterState {
  model: string;
  inputTokensEstimate: number | undefined;
  id: string | undefined;
  messageStarted: boolean;
  terminated: boolean;
  usage: Partial<CanonicalUsage>;
}

export function createAnthropicMessagesStreamEncoder(context: TranslationContext, options: AnthropicMessagesStreamOptions): StreamEncoder {
  const state: EncoderState = {
    model: options.model,
    inputTokensEstimate: options.inputTokensEstimate,
    id: undefined,
    messageStarted: false,
    terminated: false,
    usage: {},
    nextWireIndex: 0,
    active: undefined,
    queued: new Map(),
    held: [],
    sawToolUse: false,
    beforeFirstBlock: () => writeMessageStart(state, context),
  };
  return {
    encode: (part) => (state.terminated ? '' : encodePart(state, part, context)),
    flush: () => (state.terminated || state.id === undefined ? '' : writeFinish(state, context, { reason: 'other' }, state.usage)),
  };
}

function encodePart(state: EncoderState, part: CanonicalStreamPart, context: TranslationContext): string {
  switch (part.type) {
    case 'response-start':
      state.id ??= part.id;
      return '';
    case 'usage':
      state.usage = { ...state.usage, ...part.usage };
      return '';
    case 'text-start':
    case 'reasoning-start':
    case 'tool-call-start':
      return writeBlockStart(state, part);
    case 'text-delta':
    case 'text-end':
    case 'reasoning-delta':
    case 'reasoning-signature':
    case 'reasoning-end':
    case 'tool-call-delta':
    case 'tool-call-end':
      return writeBlockPart(state, part);
    case 'finish':
      return writeFinish(state, context, part.finish, { ...state.usage, ...part.usage });
    case 'error':
      return writeError(state, part.error);
    default: {
      const unknownPart: never = part;
      throw new Error(`unknown stream part ${JSON.stringify(unknownPart)}`);
    }
  }
}

function writeMessageStart(state: EncoderState, context: TranslationContext): string {
  if (state.messageStarted) return '';
  state.messageStarted = true;
  state.id ??= context.generateId('msg');
  const usage = convertCanonicalUsageToAnthropic(state.usage);
  if (state.usage.inputTokens === undefined && state.inputTokensEstimate !== undefined) usage.input_tokens = state.inputTokensEstimate;
  const message = {
    id: state.id,
    type: 'message',
    role: 'assistant',
    model: state.model,
    content: [],
    stop_reason: null,
    stop_sequence: null,
    usage,
  };
  return event('message_start', { message });
}

function writeFinish(state: EncoderState, context: TranslationContext, finish: CanonicalFinish, usage: Partial<CanonicalUsage>): string {
  let out = writeMessageStart(state, context) + closeAllBlocks(state);
  state.terminated = true;
  const { stopReason, stopSequence } = mapClientStopReason(finish, state.sawToolUse);
  const wireUsage = convertCanonicalUsageToAnthropic(usage);
  if (usage.inputTokens === undefined && state.inputTokensEstimate !== undefined) wireUsage.input_tokens = state.inputTokensEstimate;
  out += event('message_delta', { delta: { stop_reason: stopReason, stop_sequence: stopSequence }, usage: wireUsage });
  return out + event('message_stop', {});
}

/** In-stream error (Anthropic `event: error`); the SDK raises it as an APIError of that type. */
function writeError(state: EncoderState, error: CanonicalStreamError): string {
  state.terminated = true;
  const type = isAnthropicErrorType(error.code) ? error.code : mapStatusToAnthropicErrorType(error.status);
  return event('error', { error: { type, message: error.message } });
}
