import type { CanonicalStreamPart, CanonicalUsage, TranslationContext } from '../../canonical/index';
import type { StreamEncoder } from '../../sse/stream-codec';
import { createOpenAIChunkStreamEncoder, encodeOpenAIStreamError, mergeOpenAIStreamUsage } from '../../translation/create-openai-chunk-stream-encoder';
import { convertUsageToOpenAICompletions } from './convert-openai-completions-usage';
import { mapFinishReasonToOpenAICompletions } from './map-openai-completions-finish-reason';
import type { OpenAICompletion, OpenAICompletionsFinishReason } from './openai-completions-types';

export interface OpenAICompletionsStreamOptions {
  model: string;
  includeUsage?: boolean;
}

interface CompletionsEncoderState {
  context: TranslationContext;
  model: string;
  includeUsage: boolean;
  id?: string;
  created?: number;
  usage: Partial<CanonicalUsage>;
}

/**
 * Canonical parts -> the legacy completions SSE stream (completions reference, `stream`): one
 * `text_completion` chunk per text delta (`choices[].text`), a last chunk with empty text and the
 * `finish_reason`, the `choices: []` usage chunk only with `stream_options.include_usage`, then
 * `data: [DONE]`. Unlike chat there is no role chunk; reasoning and tool calls are not sent.
 */
export function createOpenAICompletionsStreamEncoder(context: TranslationContext, options: OpenAICompletionsStreamOptions): StreamEncoder {
  const state: CompletionsEncoderState = { context, model: options.model, includeUsage: options.includeUsage === true, usage: {} };
  return createOpenAIChunkStreamEncoder((part) => encodePart(part, state));
}

function encodePart(part: CanonicalStreamPart, state: CompletionsEncoderState): string {
  switch (part.type) {
    case 'response-start':
      state.id = part.id;
      state.created = part.created;
      return '';
    case 'text-delta':
      return part.delta ? chunk(state, part.delta, null) : '';
    case 'usage':
      Object.assign(state.usage, part.usage);
      return '';
    case 'finish':
      return chunk(state, '', mapFinishReasonToOpenAICompletions(part.finish)) + usageChunk(part.usage, state);
    case 'error':
      // The code is the upstream's, or null (no status default, unlike chat).
      return encodeOpenAIStreamError(part.error, 'upstream-only');
    case 'text-start':
    case 'text-end':
    case 'reasoning-start':
    case 'reasoning-delta':
    case 'reasoning-signature':
    case 'reasoning-end':
    case 'tool-call-start':
    case 'tool-call-delta':
    case 'tool-call-end':
      return '';
    default: {
      const unreachable: never = part;
      throw new Error(`unhandled stream part ${String(unreachable)}`);
    }
  }
}

function chunkObject(state: CompletionsEncoderState, choices: OpenAICompletion['choices']): OpenAICompletion {
  if (state.id === undefined) {
    state.id = state.context.generateId('cmpl');
    state.created = Math.floor(state.context.now() / 1000);
  }
  const object: OpenAICompletion = { id: state.id, object: 'text_completion', created: state.created ?? 0, choices, model: state.model };
  if (state.includeUsage) object.usage = null;
  return object;
}

function chunk(state: CompletionsEncoderState, text: string, finishReason: OpenAICompletionsFinishReason | null): string {
  return `data: ${JSON.stringify(chunkObject(state, [{ text, index: 0, logprobs: null, finish_reason: finishReason }]))}\n\n`;
}

function usageChunk(finishUsage: CanonicalUsage, state: CompletionsEncoderState): string {
  if (!state.includeUsage) return '';
  const object = chunkObject(state, []);
  object.usage = convertUsageToOpenAICompletions(mergeOpenAIStreamUsage(finishUsage, state.usage));
  return `data: ${JSON.stringify(object)}\n\n`;
}
