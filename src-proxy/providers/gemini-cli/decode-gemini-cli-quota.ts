import { z } from 'zod';
import type { QuotaReading, QuotaWindow } from '../../quota/quota-types';
import { fractionToPercent, statusFromPercent } from '../../quota/quota-window';
import { looseNumber, looseText, looseTime } from '../../quota/usage-json-fields';

const bucket = z.object({ modelId: looseText, tokenType: looseText, remainingFraction: looseNumber, resetTime: looseTime }).catch({ modelId: null, tokenType: null, remainingFraction: null, resetTime: null });
const quotaAnswer = z.object({ buckets: z.array(bucket).nullish().catch(null) });

/**
 * Code Assist `v1internal:retrieveUserQuota` (what the Gemini CLI's `/stats` reads): `buckets[]` of
 * `{modelId, tokenType, remainingFraction (0..1), resetTime (RFC3339)}`, one quota per model. Each bucket
 * becomes a window named after its model; used = 1 - remaining. A bucket without a model is left out.
 * Undocumented by Google, so tolerant: odd fields are null; only a non-object is not a reading.
 */
export function decodeGeminiCliQuota(body: unknown): QuotaReading | undefined {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const parsed = quotaAnswer.parse(body);
  const windows: QuotaWindow[] = [];
  for (const entry of parsed.buckets ?? []) {
    if (!entry.modelId) continue;
    const usedPercent = entry.remainingFraction === null ? null : fractionToPercent(1 - entry.remainingFraction);
    // Requests are the usual unit; another token type (e.g. input tokens) is a window of its own.
    const kind = entry.tokenType && entry.tokenType.toUpperCase() !== 'REQUESTS' ? entry.tokenType.toLowerCase() : '';
    const id = kind ? `${entry.modelId}:${kind}` : entry.modelId;
    const label = kind ? `${entry.modelId} (${kind})` : entry.modelId;
    windows.push({ id, label, usedPercent, resetsAt: entry.resetTime, status: statusFromPercent(usedPercent) });
  }
  return { source: 'usage-endpoint', windows };
}
