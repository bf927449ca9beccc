import type { CanonicalUsage } from '../../canonical/index';
import type { OpenAIChatUpstreamUsage } from './openai-chat-schemas';
import type { OpenAIChatUsage } from './openai-chat-types';

/**
 * OpenAI `usage` -> canonical (chat reference, "CompletionUsage"): prompt_tokens already includes the
 * cached tokens and completion_tokens the reasoning tokens, exactly as the canonical counts do.
 * `input_tokens`/`output_tokens` are accepted from servers that use the Responses names.
 */
export function convertOpenAIChatUsage(usage: OpenAIChatUpstreamUsage | null | undefined): CanonicalUsage {
  const inputTokens = usage?.prompt_tokens ?? usage?.input_tokens ?? 0;
  const outputTokens = usage?.completion_tokens ?? usage?.output_tokens ?? 0;
  const result: CanonicalUsage = { inputTokens, outputTokens, totalTokens: usage?.total_tokens ?? inputTokens + outputTokens };
  const cached = usage?.prompt_tokens_details?.cached_tokens;
  if (cached != null) result.cachedInputTokens = cached;
  const reasoning = usage?.completion_tokens_details?.reasoning_tokens;
  if (reasoning != null) result.reasoningTokens = reasoning;
  return result;
}

/** Canonical -> OpenAI `usage`; the detail objects are always present, as OpenAI sends them. */
export function convertUsageToOpenAIChat(usage: CanonicalUsage): OpenAIChatUsage {
  return {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.totalTokens,
    prompt_tokens_details: { cached_tokens: usage.cachedInputTokens ?? 0 },
    completion_tokens_details: { reasoning_tokens: usage.reasoningTokens ?? 0 },
  };
}
