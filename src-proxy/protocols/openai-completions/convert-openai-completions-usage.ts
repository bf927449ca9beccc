import type { CanonicalUsage } from '../../canonical/index';
import type { OpenAICompletionsUsage } from './openai-completions-types';

/** Canonical -> completions `usage` (prompt includes cached tokens, completion includes reasoning). */
export function convertUsageToOpenAICompletions(usage: CanonicalUsage): OpenAICompletionsUsage {
  return { prompt_tokens: usage.inputTokens, completion_tokens: usage.outputTokens, total_tokens: usage.totalTokens };
}
