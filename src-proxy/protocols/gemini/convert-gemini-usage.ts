import type { CanonicalUsage } from '../../canonical/index';
import type { GeminiUsageMetadata } from './gemini-types';

/**
 * Gemini `usageMetadata` (https://ai.google.dev/api/generate-content#UsageMetadata) <-> canonical usage.
 * Gemini counts thoughts apart from candidates; the canonical output includes reasoning, so
 * output = candidates + thoughts and reasoning = thoughts (docs/protocols.md#usage).
 * Cached content is part of the prompt count, as canonical input includes cached input. Tokens of
 * tool-use prompts (code execution, search results) are input the model read.
 */
export function decodeGeminiUsage(metadata: GeminiUsageMetadata | undefined): CanonicalUsage {
  const prompt = metadata?.promptTokenCount ?? 0;
  const toolPrompt = metadata?.toolUsePromptTokenCount ?? 0;
  const candidates = metadata?.candidatesTokenCount ?? 0;
  const thoughts = metadata?.thoughtsTokenCount ?? 0;
  const cached = metadata?.cachedContentTokenCount ?? 0;
  const inputTokens = prompt + toolPrompt;
  const outputTokens = candidates + thoughts;
  const usage: CanonicalUsage = {
    inputTokens,
    outputTokens,
    totalTokens: metadata?.totalTokenCount ?? inputTokens + outputTokens,
  };
  if (cached > 0) usage.cachedInputTokens = cached;
  if (thoughts > 0) usage.reasoningTokens = thoughts;
  return usage;
}

/** Canonical -> Gemini: candidates exclude reasoning, which goes to thoughtsTokenCount. */
export function encodeGeminiUsage(usage: CanonicalUsage): GeminiUsageMetadata {
  const reasoning = usage.reasoningTokens ?? 0;
  const metadata: GeminiUsageMetadata = {
    promptTokenCount: usage.inputTokens,
    candidatesTokenCount: Math.max(0, usage.outputTokens - reasoning),
    totalTokenCount: usage.totalTokens,
  };
  if (reasoning > 0) metadata.thoughtsTokenCount = reasoning;
  if (usage.cachedInputTokens) metadata.cachedContentTokenCount = usage.cachedInputTokens;
  return metadata;
}
