import type { CanonicalFinish, FinishReason } from '../../canonical/index';
import type { OpenAICompletionsFinishReason } from './openai-completions-types';

/**
 * Canonical -> legacy completions `finish_reason`, which has only stop, length and content_filter
 * (completions reference, "choices[].finish_reason"). No upstream speaks this wire, so there is no
 * decode direction. Tool calls cannot happen (the wire has no tools); error/other read as stop.
 */
const toCompletions: Record<FinishReason, OpenAICompletionsFinishReason> = {
  stop: 'stop',
  length: 'length',
  'content-filter': 'content_filter',
  'tool-calls': 'stop',
  error: 'stop',
  other: 'stop',
};

export function mapFinishReasonToOpenAICompletions(finish: CanonicalFinish): OpenAICompletionsFinishReason {
  return toCompletions[finish.reason];
}
