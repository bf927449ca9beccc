import type { CanonicalUsage } from '../../canonical/index';
import type { UpstreamUsage } from './openai-responses-schemas';
import type { ResponsesUsage } from './openai-responses-types';

/**
 * Responses usage (platform.openai.com/docs/api-reference/responses/object#usage) <-> canonical.
 * Both count cached input inside input_tokens and reasoning inside output_tokens, so no arithmetic is
 * needed. `input_tokens_details.cache_write_tokens` is a Codex backend extension (docs/protocols.md#usage).
 */
export function convertOpenAIResponsesUsage(usage: UpstreamUsage | null | undefined): CanonicalUsage {
  const inputTokens = usage?.input_tokens ?? 0;
  const outputTokens = usage?.output_tokens ?? 0;
  const result: CanonicalUsage = { inputTokens, outputTokens, totalTokens: usage?.total_tokens ?? inputTokens + outputTokens };
  const cached = usage?.input_tokens_details?.cached_tokens;
  if (cached !== undefined) result.cachedInputTokens = cached;
  const cacheWrite = usage?.input_tokens_details?.cache_write_tokens;
  if (cacheWrite !== undefined) result.cacheCreationInputTokens = cacheWrite;
  const reasoning = usage?.output_tokens_details?.reasoning_tokens;
  if (reasoning !== undefined) result.reasoningTokens = reasoning;
  return result;
}

/**
 * Canonical -> client. The detail objects are always present with 0 defaults (docs/protocols.md#usage), and with every
 * field the current SDK models require: the Python SDK's `InputTokensDetails` (openai 3.3, generated from
 * the API spec, https://platform.openai.com/docs/api-reference/responses/object) declares
 * `cache_write_tokens` required next to `cached_tokens`, so strict validation fails without it.
 */
export function convertUsageToOpenAIResponses(usage: CanonicalUsage): ResponsesUsage {
  return {
    input_tokens: usage.inputTokens,
    input_tokens_details: { cached_tokens: usage.cachedInputTokens ?? 0, cache_write_tokens: usage.cacheCreationInputTokens ?? 0 },
    output_tokens: usage.outputTokens,
    output_tokens_details: { reasoning_tokens: usage.reasoningTokens ?? 0 },
    total_tokens: usage.totalTokens || usage.inputTokens + usage.outputTokens,
  };
}
