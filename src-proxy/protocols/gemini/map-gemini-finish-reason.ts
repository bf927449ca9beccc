import type { CanonicalFinish, FinishReason } from '../../canonical/index';

/**
 * Gemini `Candidate.finishReason` / `PromptFeedback.blockReason` <-> canonical finish reasons
 * (enums FinishReason and BlockedReason of https://ai.google.dev/api/generate-content#FinishReason).
 */
export const geminiFinishReasonTable: Readonly<Record<string, FinishReason>> = {
  STOP: 'stop',
  MAX_TOKENS: 'length',
  SAFETY: 'content-filter',
  RECITATION: 'content-filter',
  BLOCKLIST: 'content-filter',
  PROHIBITED_CONTENT: 'content-filter',
  SPII: 'content-filter',
  IMAGE_SAFETY: 'content-filter',
  IMAGE_PROHIBITED_CONTENT: 'content-filter',
  IMAGE_RECITATION: 'content-filter',
  LANGUAGE: 'other',
  OTHER: 'other',
  FINISH_REASON_UNSPECIFIED: 'other',
  NO_IMAGE: 'other',
  TOO_MANY_TOOL_CALLS: 'other',
  IMAGE_OTHER: 'other',
  MALFORMED_FUNCTION_CALL: 'error',
  UNEXPECTED_TOOL_CALL: 'error',
};

/** Every BlockedReason stops the request before any output: a content filter. */
export const geminiBlockReasons: readonly string[] = [
  'BLOCKED_REASON_UNSPECIFIED',
  'SAFETY',
  'OTHER',
  'BLOCKLIST',
  'PROHIBITED_CONTENT',
  'IMAGE_SAFETY',
  'MODEL_ARMOR',
  'JAILBREAK',
];

/**
 * Gemini -> canonical. Gemini reports STOP after function calls, so a turn that produced a call is
 * `tool-calls` (whatever the raw reason; the raw value is kept). Unknown values -> other.
 */
export function mapGeminiFinishReason(raw: string | undefined, options: { hasToolCalls: boolean }): CanonicalFinish {
  if (options.hasToolCalls) return raw ? { reason: 'tool-calls', raw } : { reason: 'tool-calls' };
  if (raw === undefined) return { reason: 'other' };
  return { reason: geminiFinishReasonTable[raw] ?? 'other', raw };
}

/** A blocked prompt (`promptFeedback.blockReason`, no candidates) is a content filter. */
export function mapGeminiBlockReason(blockReason: string): CanonicalFinish {
  return { reason: 'content-filter', raw: blockReason };
}

const canonicalToGemini: Readonly<Record<FinishReason, string>> = {
  stop: 'STOP',
  length: 'MAX_TOKENS',
  'tool-calls': 'STOP',
  'content-filter': 'SAFETY',
  error: 'OTHER',
  other: 'OTHER',
};

/**
 * Canonical -> Gemini. A raw Gemini value that means the same canonical reason is echoed (RECITATION
 * stays RECITATION through a Gemini round trip); otherwise the table above. Unlike the original's
 * Claude->Gemini stream (docs/protocols.md#cpa-quirks-we-do-not-copy), MAX_TOKENS is never turned into STOP.
 */
export function mapFinishReasonToGemini(finish: CanonicalFinish): string {
  const raw = finish.raw;
  if (raw !== undefined && geminiFinishReasonTable[raw] === finish.reason) return raw;
  return canonicalToGemini[finish.reason];
}
