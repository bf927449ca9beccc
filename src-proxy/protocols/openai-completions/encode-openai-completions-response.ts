import type { CanonicalResponse, TranslationContext } from '../../canonical/index';
import { convertUsageToOpenAICompletions } from './convert-openai-completions-usage';
import { mapFinishReasonToOpenAICompletions } from './map-openai-completions-finish-reason';
import type { OpenAICompletion } from './openai-completions-types';

/**
 * Canonical response -> a `text_completion` object (completions reference, "The completion object"):
 * the answer's text parts concatenated. Reasoning, tool calls and images have no place in it.
 */
export function encodeOpenAICompletionsResponse(response: CanonicalResponse, _context: TranslationContext, options: { model: string }): OpenAICompletion {
  const text = response.content.map((part) => (part.type === 'text' ? part.text : '')).join('');
  return {
    id: response.id,
    object: 'text_completion',
    created: response.created,
    model: options.model,
    choices: [{ text, index: 0, logprobs: null, finish_reason: mapFinishReasonToOpenAICompletions(response.finish) }],
    usage: convertUsageToOpenAICompletions(response.usage),
  };
}
