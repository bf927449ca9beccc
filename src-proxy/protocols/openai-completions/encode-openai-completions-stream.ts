import type { CanonicalStreamError, CanonicalStreamPart, CanonicalUsage, TranslationContext } from '../../canonical/index';
import type { StreamEncoder } from '../../sse/stream-codec';
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
  errored: boolean;
}

/**
 * Canonical parts -> the legacy completions SSE stream (completions reference, `stream`): one
 * `text_completion` chunk per text delta (`choices[].text`), a last chunk with empty text and the
 * `finish_reason`, the `choices: []` usage chunk only with `stream_options.include_usage`, then
 * `data: [DONE]`. Unlike chat there is no role chunk; reasoning and tool calls are not sent.
 */
export function createOpenAICompletionsStreamEncoder(context: TranslationContext, options: OpenAICompletionsStreamOptions): StreamEncoder {
  const state: CompletionsEncoderState = { context, model: options.model, includeUsage: options.includeUsage === true, usage: {}, errored: false };
  return {
    encode: (part) => (state.errored ? '' : encodePart(part, state)),
    flush: () => (state.errored ? '' : 'data: [DONE]\n\n'),
  };
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
      state.errored = true;
      return encodeError(part.error);
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
  const usage: CanonicalUsage = { ...finishUsage };
  if (!usage.inputTokens && state.usage.inputTokens) usage.inputTokens = state.usage.inputTokens;
  if (!usage.outputTokens && state.usage.outputTokens) usage.outputTokens = state.usage.outputTokens;
  if (!usage.totalTokens) usage.totalTokens = usage.inputTokens + usage.outputTokens;
  const object = chunkObject(state, []);
  object.usage = convertUsageToOpenAICompletions(usage);
  return `data: ${JSON.stringify(object)}\n\n`;
}

/**
 * OpenAI's in-stream error object. The status -> type table mirrors the chat protocol's (spec 10); it is
 * repeated here because a protocol never imports another protocol.
 */
function encodeError(error: CanonicalStreamError): string {
  const type = error.status === 401 ? 'authentication_error' : error.status === 403 ? 'permission_error' : error.status === 429 ? 'rate_limit_error' : error.status >= 500 ? 'server_error' : 'invalid_request_error';
  return `data: ${JSON.stringify({ error: { message: error.message, type, code: error.code ?? null } })}\n\n`;
}
