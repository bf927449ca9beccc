import type { CanonicalResponse, TranslationContext } from '../../canonical/index';
import { encodeGeminiUsage } from './convert-gemini-usage';
import { clientPartsPolicy, encodeGeminiModelParts } from './encode-gemini-model-parts';
import type { GeminiCandidate, GeminiGenerateContentResponse } from './gemini-types';
import { mapFinishReasonToGemini } from './map-gemini-finish-reason';

/**
 * Canonical response -> the GenerateContentResponse a Gemini client expects
 * (https://ai.google.dev/api/generate-content#generatecontentresponse): one candidate with the model turn,
 * `finishReason`, `usageMetadata`, `modelVersion` echoing the model the client asked for, `responseId`.
 * Function calls carry their canonical id so the client's functionResponse pairs exactly; signatures of
 * other vendors travel in a carrier the client replays (see gemini-thought-signature.ts).
 */
export function encodeGeminiResponse(response: CanonicalResponse, _context: TranslationContext, options: { model: string }): GeminiGenerateContentResponse {
  const parts = encodeGeminiModelParts(response.content, clientPartsPolicy, 'content', []);
  // Gemini leaves `content` out when nothing was generated (e.g. a SAFETY stop).
  const candidate: GeminiCandidate = parts.length > 0 ? { content: { role: 'model', parts } } : {};
  candidate.finishReason = mapFinishReasonToGemini(response.finish);
  candidate.index = 0;
  return {
    candidates: [candidate],
    usageMetadata: encodeGeminiUsage(response.usage),
    modelVersion: options.model,
    responseId: response.id,
  };
}
