import type { CanonicalFinish, CanonicalStreamPart, CanonicalUsage, TranslationContext } from '../../canonical/index';
import type { StreamEncoder } from '../../sse/stream-codec';
import { convertUsageToOpenAIChat } from './convert-openai-chat-usage';
import { mapFinishReasonToOpenAIChat } from './map-openai-chat-finish-reason';
import { createOpenAIChunkStreamEncoder, encodeOpenAIStreamError, mergeOpenAIStreamUsage } from '../../translation/create-openai-chunk-stream-encoder';
import type { OpenAIChatChunk, OpenAIChatDelta } from './openai-chat-types';

export interface OpenAIChatStreamOptions {
  /** The model name the client asked for, echoed in every chunk. */
  model: string;
  /** `stream_options.include_usage`: adds `usage: null` to each chunk and a final `choices: []` usage chunk. */
  includeUsage?: boolean;
}

interface ChatEncoderState {
  context: TranslationContext;
  model: string;
  includeUsage: boolean;
  id?: string;
  created?: number;
  /** canonical tool-call block index -> the chat `tool_calls[].index` (0, 1, ... in order of appearance). */
  toolIndexByBlock: Map<number, number>;
  usage: Partial<CanonicalUsage>;
  /** A chunk's JSON up to its delta, the same in every chunk once the response started (built once). */
  envelope?: string | undefined;
}

/**
 * Canonical parts -> the SSE text OpenAI's `/v1/chat/completions` streams (chat reference, "The chat
 * completion chunk object"; "stream_options"): a first chunk with `{role:'assistant', content:''}`, one
 * chunk per delta, a last chunk with an empty delta and `finish_reason`, the usage chunk with
 * `choices: []` only when asked for, then `data: [DONE]`.
 */
export function createOpenAIChatStreamEncoder(context: TranslationContext, options: OpenAIChatStreamOptions): StreamEncoder {
  const state: ChatEncoderState = { context, model: options.model, includeUsage: options.includeUsage === true, toolIndexByBlock: new Map(), usage: {} };
  return createOpenAIChunkStreamEncoder((part) => encodePart(part, state));
}

function encodePart(part: CanonicalStreamPart, state: ChatEncoderState): string {
  if (part.type === 'response-start') {
    state.id = part.id;
    state.created = part.created;
    state.envelope = undefined;
    return chunk(state, '{"role":"assistant","content":""}');
  }
  const prefix = state.id === undefined ? encodePart({ type: 'response-start', id: state.context.generateId('chatcmpl'), model: '', created: Math.floor(state.context.now() / 1000) }, state) : '';
  return prefix + encodeBodyPart(part, state);
}

function encodeBodyPart(part: Exclude<CanonicalStreamPart, { type: 'response-start' }>, state: ChatEncoderState): string {
  switch (part.type) {
    case 'text-delta':
      return part.delta ? chunk(state, `{"content":${JSON.stringify(part.delta)}}`) : '';
    case 'reasoning-delta':
      return part.delta ? chunk(state, `{"reasoning_content":${JSON.stringify(part.delta)}}`) : '';
    case 'tool-call-start': {
      const index = state.toolIndexByBlock.size;
      state.toolIndexByBlock.set(part.index, index);
      return chunk(state, deltaJson({ tool_calls: [{ index, id: part.id, type: 'function', function: { name: part.name, arguments: '' } }] }));
    }
    case 'tool-call-delta': {
      const index = state.toolIndexByBlock.get(part.index);
      return index === undefined || !part.argumentsDelta ? '' : chunk(state, deltaJson({ tool_calls: [{ index, function: { arguments: part.argumentsDelta } }] }));
    }
    case 'usage':
      Object.assign(state.usage, part.usage);
      return '';
    case 'finish':
      return encodeFinish(part.finish, part.usage, state);
    case 'error':
      return encodeOpenAIStreamError(part.error, 'from-status');
    case 'text-start':
    case 'text-end':
    case 'reasoning-start':
    case 'reasoning-end':
    case 'reasoning-signature':
    case 'tool-call-end':
      // Chat chunks have no block boundaries, and no field for reasoning signatures.
      return '';
    default: {
      const unreachable: never = part;
      throw new Error(`unhandled stream part ${String(unreachable)}`);
    }
  }
}

function chunkObject(state: ChatEncoderState, choices: OpenAIChatChunk['choices']): OpenAIChatChunk {
  const object: OpenAIChatChunk = { id: state.id ?? '', object: 'chat.completion.chunk', created: state.created ?? 0, model: state.model, choices };
  if (state.includeUsage) object.usage = null;
  return object;
}

const deltaJson = (delta: OpenAIChatDelta): string => JSON.stringify(delta);

/**
 * `data: <JSON.stringify(chunkObject(state, [{ index: 0, delta, logprobs: null, finish_reason }]))>`, written
 * as text: the envelope (id, object, created, model) is serialized once per stream and only the delta (given
 * as JSON) per chunk.
 */
function chunk(state: ChatEncoderState, delta: string, finishReason: OpenAIChatChunk['choices'][number]['finish_reason'] = null): string {
  state.envelope ??= `{"id":${JSON.stringify(state.id ?? '')},"object":"chat.completion.chunk","created":${JSON.stringify(state.created ?? 0)},"model":${JSON.stringify(state.model)},"choices":[{"index":0,"delta":`;
  const finish = finishReason === null ? 'null' : JSON.stringify(finishReason);
  return `data: ${state.envelope}${delta},"logprobs":null,"finish_reason":${finish}}]${state.includeUsage ? ',"usage":null' : ''}}\n\n`;
}

function encodeFinish(finish: CanonicalFinish, usage: CanonicalUsage, state: ChatEncoderState): string {
  let text = chunk(state, '{}', mapFinishReasonToOpenAIChat(finish, state.toolIndexByBlock.size > 0));
  if (state.includeUsage) {
    const usageChunk = chunkObject(state, []);
    usageChunk.usage = convertUsageToOpenAIChat(mergeOpenAIStreamUsage(usage, state.usage));
    text += `data: ${JSON.stringify(usageChunk)}\n\n`;
  }
  return text;
}
