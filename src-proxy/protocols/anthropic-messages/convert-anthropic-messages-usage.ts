import type { CanonicalUsage } from '../../canonical/index';
import type { AnthropicUsage } from './anthropic-messages-schemas';
import type { WireUsage } from './anthropic-messages-types';

/**
 * Anthropic usage <-> canonical usage (docs/protocols.md#usage; Messages API `usage`: "Total input tokens in a
 * request is the summation of input_tokens, cache_creation_input_tokens, and cache_read_input_tokens").
 * Canonical inputTokens INCLUDES cached input, so it is the sum of all three.
 */
export function convertAnthropicUsageToCanonical(usage: AnthropicUsage | null | undefined): CanonicalUsage {
  const uncached = usage?.input_tokens ?? 0;
  const creation = usage?.cache_creation_input_tokens ?? 0;
  const read = usage?.cache_read_input_tokens ?? 0;
  const inputTokens = uncached + creation + read;
  const outputTokens = usage?.output_tokens ?? 0;
  const canonical: CanonicalUsage = { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens };
  if (usage?.cache_read_input_tokens != null) canonical.cachedInputTokens = read;
  if (usage?.cache_creation_input_tokens != null) canonical.cacheCreationInputTokens = creation;
  const thinking = usage?.output_tokens_details?.thinking_tokens;
  if (thinking != null) canonical.reasoningTokens = thinking;
  return canonical;
}

/** Canonical -> Anthropic: `input_tokens` is the uncached remainder (never negative). */
export function convertCanonicalUsageToAnthropic(usage: Partial<CanonicalUsage>): WireUsage {
  const read = usage.cachedInputTokens ?? 0;
  const creation = usage.cacheCreationInputTokens ?? 0;
  return {
    input_tokens: Math.max(0, (usage.inputTokens ?? 0) - read - creation),
    output_tokens: usage.outputTokens ?? 0,
    cache_creation_input_tokens: creation,
    cache_read_input_tokens: read,
  };
}

/**
 * Merge of a later usage report into an earlier one (stream: message_start then message_delta). The
 * message_delta counters are cumulative totals, so a present value overwrites, an absent one keeps.
 */
export function mergeAnthropicUsage(base: AnthropicUsage, update: AnthropicUsage | null | undefined): AnthropicUsage {
  if (!update) return base;
  const merged: AnthropicUsage = { ...base };
  if (update.input_tokens != null) merged.input_tokens = update.input_tokens;
  if (update.output_tokens != null) merged.output_tokens = update.output_tokens;
  if (update.cache_creation_input_tokens != null) merged.cache_creation_input_tokens = update.cache_creation_input_tokens;
  if (update.cache_read_input_tokens != null) merged.cache_read_input_tokens = update.cache_read_input_tokens;
  if (update.output_tokens_details != null) merged.output_tokens_details = update.output_tokens_details;
  return merged;
}
