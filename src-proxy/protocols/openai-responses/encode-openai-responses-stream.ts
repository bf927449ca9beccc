import type { CanonicalFinish, CanonicalStreamError, CanonicalStreamPart, CanonicalUsage, TranslationContext } from '../../canonical/index';
import type { StreamEncoder } from '../../sse/stream-codec';
import { pickOpenAIResponsesEcho, toResponsesId } from './build-openai-responses-object';
import { convertUsageToOpenAIResponses } from './convert-openai-responses-usage';
import { finishError, messageItem, reasoningItem } from './encode-openai-responses-output';
import { toolCallItem } from './openai-responses-custom-tools';
import { mapFinishReasonToOpenAIResponses } from './map-openai-responses-finish-reason';
import type { NamespacedToolNames } from './openai-responses-namespace-tools';
import type { ResponsesError, ResponsesItemStatus } from './openai-responses-types';
import { responsesErrorCodeForStatus } from './render-openai-responses-error';
import {
  endBlock,
  reasoningDelta,
  reasoningSignature,
  startReasoning,
  startText,
  startToolCall,
  textDelta,
  toolCallDelta,
} from './stream-encoder-blocks';
import { closeMessage, emit, responseObject, type EncoderState } from './stream-encoder-state';

export interface OpenAIResponsesStreamOptions {
  /** The model name the client asked for, echoed in every response object. */
  model: string;
  /** Ignored: a Responses stream always reports usage in its terminal event. */
  includeUsage?: boolean;
  /** The client's request body, to echo its parameters in the response objects. */
  request?: unknown;
  /** The client's custom tools (`customToolNamesOf(request)`): their calls stream as custom_tool_call. */
  customToolNames?: ReadonlySet<string>;
  /** The client's namespaced tools (`namespacedToolNamesOf(request)`): their calls name the inner tool and its namespace. */
  namespacedToolNames?: NamespacedToolNames;
}

/**
 * Canonical stream -> the SSE a Responses client reads (`event: <type>` + `data: <json>`, what the
 * openai SDK's `responses.stream()` and Codex CLI accept): response.created, response.in_progress, then
 * per item output_item.added ... output_item.done, and a terminal response.completed /
 * response.incomplete / response.failed whose response holds every output item and the usage.
 *
 * A canonical `error` part (the upstream failed after the stream was committed) ends the stream with
 * `response.failed` (status failed, `error: {code, message}`, the items so far) followed by an `error`
 * event: Codex CLI acts on response.failed, the openai SDK stream helpers reject on `error`. A canonical
 * finish with reason 'error' is written the same way.
 */
export function createOpenAIResponsesStreamEncoder(context: TranslationContext, options: OpenAIResponsesStreamOptions): StreamEncoder {
  const state: EncoderState = {
    context,
    model: options.model,
    echo: pickOpenAIResponsesEcho(options.request),
    customToolNames: options.customToolNames,
    namespacedToolNames: options.namespacedToolNames,
    sequence: 0,
    id: '',
    createdAt: Math.floor(context.now() / 1000),
    started: false,
    finished: false,
    items: [],
    message: undefined,
    blocks: new Map(),
    held: [],
    usage: {},
  };
  return {
    encode: (part) => (state.finished ? '' : encodePart(state, part)),
    flush: () => '',
  };
}

function encodePart(state: EncoderState, part: CanonicalStreamPart): string {
  const prefix = part.type === 'response-start' ? '' : ensureStarted(state);
  return prefix + encodeStarted(state, part);
}

function encodeStarted(state: EncoderState, part: CanonicalStreamPart): string {
  switch (part.type) {
    case 'response-start':
      return start(state, part.id, part.created);
    case 'text-start':
      return startText(state, part);
    case 'reasoning-start':
      return startReasoning(state, part);
    case 'tool-call-start':
      return startToolCall(state, part);
    case 'text-delta': {
      const block = state.blocks.get(part.index);
      return block?.kind === 'text' ? textDelta(state, block, part.delta) : '';
    }
    case 'reasoning-delta': {
      const block = state.blocks.get(part.index);
      return block?.kind === 'reasoning' ? reasoningDelta(state, block, part.delta) : '';
    }
    case 'reasoning-signature': {
      const block = state.blocks.get(part.index);
      if (block?.kind === 'reasoning') reasoningSignature(block, part);
      return '';
    }
    case 'tool-call-delta': {
      const block = state.blocks.get(part.index);
      return block?.kind === 'tool-call' ? toolCallDelta(state, block, part.argumentsDelta) : '';
    }
    case 'text-end':
    case 'reasoning-end':
    case 'tool-call-end':
      return endIndex(state, part.index);
    case 'usage':
      Object.assign(state.usage, part.usage);
      return '';
    case 'finish':
      return finish(state, part.finish, part.usage);
    case 'error':
      return fail(state, part.error);
    default: {
      const unknownPart: never = part;
      throw new Error(`unknown stream part ${JSON.stringify(unknownPart)}`);
    }
  }
}

function start(state: EncoderState, id: string, created: number): string {
  if (state.started) return '';
  state.started = true;
  state.id = toResponsesId(id);
  state.createdAt = created;
  const response = responseObject(state, { status: 'in_progress', usage: null });
  return emit(state, 'response.created', { response }) + emit(state, 'response.in_progress', { response });
}

function ensureStarted(state: EncoderState): string {
  return state.started ? '' : start(state, state.context.generateId('resp'), state.createdAt);
}

function endIndex(state: EncoderState, index: number): string {
  const block = state.blocks.get(index);
  if (!block) return '';
  state.blocks.delete(index);
  return endBlock(state, block);
}

/** Ends every open block (in block order) and the open message, as a finished response must. */
function closeEverything(state: EncoderState, messageStatus: ResponsesItemStatus): string {
  let text = '';
  for (const index of [...state.blocks.keys()].sort((a, b) => a - b)) text += endIndex(state, index);
  if (state.message) text += closeMessage(state, state.message, messageStatus);
  return text;
}

function finish(state: EncoderState, canonicalFinish: CanonicalFinish, usage: CanonicalUsage): string {
  const terminal = mapFinishReasonToOpenAIResponses(canonicalFinish);
  let text = closeEverything(state, terminal.status === 'incomplete' ? 'incomplete' : 'completed');
  // Signature-only items still held have nothing after them (see HeldSignature).
  state.held = [];
  state.finished = true;
  const finalUsage = convertUsageToOpenAIResponses(mergeUsage(usage, state.usage));
  if (terminal.status === 'failed') {
    const error = finishError(canonicalFinish);
    const response = responseObject(state, { status: 'failed', usage: finalUsage, error });
    return text + emit(state, 'response.failed', { response }) + errorEvent(state, error);
  }
  const eventType = terminal.status === 'completed' ? 'response.completed' : 'response.incomplete';
  const completedAt = terminal.status === 'completed' ? { completedAt: Math.floor(state.context.now() / 1000) } : {};
  const response = responseObject(state, { status: terminal.status, usage: finalUsage, incompleteReason: terminal.incompleteReason, ...completedAt });
  text += emit(state, eventType, { response });
  return text;
}

/** The upstream failed mid-stream: no more `.done` events, just the failure with the items so far. */
function fail(state: EncoderState, streamError: CanonicalStreamError): string {
  state.finished = true;
  const error: ResponsesError = { code: streamError.code ?? responsesErrorCodeForStatus(streamError.status), message: streamError.message };
  snapshotOpenItems(state);
  const usage = Object.keys(state.usage).length > 0 ? convertUsageToOpenAIResponses(mergeUsage(undefined, state.usage)) : null;
  const response = responseObject(state, { status: 'failed', usage, error });
  return emit(state, 'response.failed', { response }) + errorEvent(state, error);
}

function errorEvent(state: EncoderState, error: ResponsesError): string {
  return emit(state, 'error', { code: error.code, message: error.message, param: null });
}

/** Items still streaming when the upstream failed: their content so far, marked incomplete. */
function snapshotOpenItems(state: EncoderState): void {
  for (const block of state.blocks.values()) {
    if (block.kind === 'text') {
      const { message } = block;
      state.items[message.outputIndex] = messageItem(message.itemId, message.parts.map((part) => part.text), 'incomplete');
    } else if (block.kind === 'reasoning') {
      if (block.added) state.items[block.outputIndex] = reasoningItem(block.itemId, block.text, block.encrypted);
    } else {
      state.items[block.outputIndex] = toolCallItem({ itemId: block.itemId, callId: block.callId }, block.name, block.args, 'incomplete', state);
    }
  }
  const message = state.message;
  if (message) state.items[message.outputIndex] = messageItem(message.itemId, message.parts.map((part) => part.text), 'incomplete');
}


/** The finish usage wins; counts it lacks (zero) are taken from earlier `usage` parts. */
function mergeUsage(usage: CanonicalUsage | undefined, partial: Partial<CanonicalUsage>): CanonicalUsage {
  const merged: CanonicalUsage = { inputTokens: 0, outputTokens: 0, totalTokens: 0, ...partial, ...usage };
  for (const key of Object.keys(partial) as Array<keyof CanonicalUsage>) {
    const earlier = partial[key];
    if (!merged[key] && earlier) merged[key] = earlier;
  }
  if (!merged.totalTokens) merged.totalTokens = merged.inputTokens + merged.outputTokens;
  return merged;
}
