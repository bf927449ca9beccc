import type { CanonicalStreamError, CanonicalStreamPart, CanonicalUsage } from '../canonical/index';
import type { StreamEncoder } from '../sse/stream-codec';
import { openaiErrorTypeForStatus } from './openai-error-type';

/** What an in-stream error's `code` falls back to when the upstream gave none: the status's code (Chat), or null (Completions). */
export type OpenAIStreamErrorCode = 'from-status' | 'upstream-only';

/**
 * The frame the two OpenAI chunk streams share (Chat `chat.completion.chunk`, legacy `text_completion`):
 * parts go to the wire's own encoder until an `error` part (written with encodeOpenAIStreamError) ends the
 * stream, so nothing, not even `[DONE]`, follows it; otherwise `data: [DONE]` closes the stream.
 */
export function createOpenAIChunkStreamEncoder(encodePart: (part: CanonicalStreamPart) => string): StreamEncoder {
  let errored = false;
  return {
    encode: (part) => {
      if (errored) return '';
      if (part.type === 'error') errored = true;
      return encodePart(part);
    },
    flush: () => (errored ? '' : 'data: [DONE]\n\n'),
  };
}

/** OpenAI's in-stream error (the SDK throws an APIError on a chunk with `error`); the type follows the status (openai-error-type.ts). */
export function encodeOpenAIStreamError(error: CanonicalStreamError, errorCode: OpenAIStreamErrorCode): string {
  const { type, code } = openaiErrorTypeForStatus(error.status);
  const fallback = errorCode === 'from-status' ? code : null;
  return `data: ${JSON.stringify({ error: { message: error.message, type, code: error.code ?? fallback } })}\n\n`;
}

/** The usage of the last (`choices: []`) chunk: the finish usage, with counts it reports as zero taken from earlier `usage` parts. */
export function mergeOpenAIStreamUsage(finishUsage: CanonicalUsage, partial: Partial<CanonicalUsage>): CanonicalUsage {
  const merged: CanonicalUsage = { ...finishUsage };
  for (const key of ['inputTokens', 'outputTokens', 'cachedInputTokens', 'reasoningTokens'] as const) {
    const earlier = partial[key];
    if (!merged[key] && earlier) merged[key] = earlier;
  }
  if (!merged.totalTokens) merged.totalTokens = merged.inputTokens + merged.outputTokens;
  return merged;
}
