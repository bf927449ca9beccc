import type { AssistantContentPart, CanonicalFinish, CanonicalResponse, Translated, TranslationContext, TranslationWarning } from '../../canonical/index';
import { ProxyError } from '../../errors/proxy-error';
import { decodeGeminiUsage } from './convert-gemini-usage';
import { decodeGeminiModelParts } from './decode-gemini-model-parts';
import { geminiUpstreamResponseSchema, type GeminiUpstreamResponse } from './gemini-schemas';
import { decodeUpstreamThoughtSignature } from './gemini-thought-signature';
import { identityGeminiToolNameMap, type GeminiToolNameMap } from './gemini-tool-names';
import { mapGeminiBlockReason, mapGeminiFinishReason } from './map-gemini-finish-reason';

export interface GeminiUpstreamDecodeOptions {
  /** The map the request encoder used, so renamed functions get their client names back. */
  toolNames?: GeminiToolNameMap;
  /** Model to report when the upstream sends no `modelVersion`. */
  model?: string;
}

/**
 * A Gemini GenerateContentResponse (https://ai.google.dev/api/generate-content#generatecontentresponse) ->
 * canonical response. Only the first candidate is read (the hub has one choice); a blocked prompt
 * (`promptFeedback.blockReason`, no candidates) is an empty content-filter response.
 */
export function decodeGeminiResponse(body: unknown, context: TranslationContext, options: GeminiUpstreamDecodeOptions = {}): Translated<CanonicalResponse> {
  const parsed = geminiUpstreamResponseSchema.safeParse(body);
  if (!parsed.success) {
    throw new ProxyError({ code: 'PX_UPSTREAM_PROTOCOL', httpStatus: 502, message: 'Gemini upstream sent a body that is not a GenerateContentResponse' });
  }
  const response = parsed.data;
  if (response.error) throw upstreamErrorInBody(response, body);
  const warnings: TranslationWarning[] = [];
  const candidates = response.candidates ?? [];
  if (candidates.length > 1) warnings.push({ field: 'candidates', message: `${candidates.length - 1} extra candidate(s) dropped; the hub carries one` });
  const candidate = candidates[0];
  const content: AssistantContentPart[] = decodeGeminiModelParts(
    candidate?.content?.parts ?? [],
    {
      decodeSignature: decodeUpstreamThoughtSignature,
      newToolCallId: () => context.generateId('call'),
      restoreName: (options.toolNames ?? identityGeminiToolNameMap).fromGemini,
      path: 'candidates[0].content.parts',
    },
    warnings,
  );
  return {
    value: {
      id: response.responseId || context.generateId('resp'),
      model: response.modelVersion || options.model || '',
      created: createdSeconds(response.createTime, context),
      content,
      finish: decodeFinish(response, content),
      usage: decodeGeminiUsage(response.usageMetadata),
    },
    warnings,
  };
}

function decodeFinish(response: GeminiUpstreamResponse, content: readonly AssistantContentPart[]): CanonicalFinish {
  const candidate = response.candidates?.[0];
  const blockReason = response.promptFeedback?.blockReason;
  if (!candidate && blockReason) return mapGeminiBlockReason(blockReason);
  return mapGeminiFinishReason(candidate?.finishReason, { hasToolCalls: content.some((part) => part.type === 'tool-call') });
}

/** `createTime` (RFC 3339, Vertex) when present, else the injected clock. */
export function createdSeconds(createTime: string | undefined, context: TranslationContext): number {
  const parsed = createTime ? Date.parse(createTime) : Number.NaN;
  return Math.floor((Number.isNaN(parsed) ? context.now() : parsed) / 1000);
}

/** A 200 whose body is Google's error envelope: report it as the upstream's error, verbatim. */
function upstreamErrorInBody(response: GeminiUpstreamResponse, body: unknown): ProxyError {
  const status = response.error?.code && response.error.code >= 400 && response.error.code < 600 ? response.error.code : 502;
  return new ProxyError({
    code: 'PX_UPSTREAM_HTTP',
    httpStatus: status,
    upstreamStatus: status,
    message: response.error?.message ?? 'Gemini upstream returned an error',
    upstreamBody: JSON.stringify(body),
    upstreamWire: 'gemini',
    retryable: status === 429 || status >= 500,
  });
}
