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
    return chunk(state, { role: 'assistant', content: '' });
  }
  const prefix = state.id === undefined ? encodePart({ type: 'response-start', id: state.context.generateId('chatcmpl'), model: '', created: Math.floor(state.context.now() / 1000) }, state) : '';
  return prefix + encodeBodyPart(part, state);
}

function encodeBodyPart(part: Exclude<CanonicalStreamPart, { type: 'response-start' }>, state: ChatEncoderState): string {
  switch (part.type) {
    case 'text-delta':
      return part.delta ? chunk(state, { content: part.delta }) : '';
    case 'reasoning-delta':
      return part.delta ? chunk(state, { reasoning_content: part.delta }) : '';
    case 'tool-call-start': {
      const index = state.toolIndexByBlock.size;
      state.toolIndexByBlock.set(part.index, index);
      return chunk(state, { tool_calls: [{ index, id: part.id, type: 'function', function: { name: part.name, arguments: '' } }] });
    }
    case 'tool-call-delta': {
      const index = state.toolIndexByBlock.get(part.index);
      return index === undefined || !part.argumentsDelta ? '' : chunk(state, { tool_calls: [{ index, function: { arguments: part.argumentsDelta } }] });
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

function chunk(state: ChatEncoderState, delta: OpenAIChatDelta, finishReason: OpenAIChatChunk['choices'][number]['finish_reason'] = null): string {
  return `data: ${JSON.stringify(chunkObject(state, [{ index: 0, delta, logprobs: null, finish_reason: finishReason }]))}\n\n`;
}

function encodeFinish(finish: CanonicalFinish, usage: CanonicalUsage, state: ChatEncoderState): string {
  let text = chunk(state, {}, mapFinishReasonToOpenAIChat(finish, state.toolIndexByBlock.size > 0));
  if (state.includeUsage) {
    const usageChunk = chunkObject(state, []);
    usageChunk.usage = convertUsageToOpenAIChat(mergeOpenAIStreamUsage(usage, state.usage));
    text += `data: ${JSON.stringify(usageChunk)}\n\n`;
  }
  return text;
}
