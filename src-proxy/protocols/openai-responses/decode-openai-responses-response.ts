import type { CanonicalResponse, Translated, TranslationContext, TranslationWarning } from '../../canonical/index';
import { ProxyError } from '../../errors/proxy-error';
import { convertOpenAIResponsesUsage } from './convert-openai-responses-usage';
import { decodeOpenAIResponsesOutputItem } from './decode-openai-responses-output';
import { mapOpenAIResponsesFinishReason } from './map-openai-responses-finish-reason';
import type { OpenAIResponsesRestore } from './openai-responses-names';
import { upstreamResponseSchema, type UpstreamResponse } from './openai-responses-schemas';

/**
 * An upstream Responses body (platform.openai.com/docs/api-reference/responses/object) -> canonical.
 * Also accepts a terminal stream event (`{"type":"response.completed","response":{...}}`), which is what
 * a Codex upstream that only streams leaves after aggregation (docs/protocols.md#upstream-streaming). A `failed` response is not
 * an answer: it becomes a ProxyError so the client sees an error (and the router may retry).
 */
export function decodeOpenAIResponsesResponse(
  body: unknown,
  context: TranslationContext,
  restore?: OpenAIResponsesRestore,
): Translated<CanonicalResponse> {
  const parsed = upstreamResponseSchema.safeParse(unwrapTerminalEvent(body));
  if (!parsed.success || typeof body !== 'object' || body === null) {
    throw new ProxyError({ code: 'PX_UPSTREAM_PROTOCOL', httpStatus: 502, retryable: true, message: 'The Responses upstream answered with a body that is not a response object.' });
  }
  const response = parsed.data;
  if (response.status === 'failed') throw failedResponseError(response);
  const warnings: TranslationWarning[] = [];
  const content = (response.output ?? []).flatMap((item, index) => decodeOpenAIResponsesOutputItem(item, `output[${index}]`, restore, warnings));
  const finish = mapOpenAIResponsesFinishReason({
    status: response.status,
    incompleteReason: response.incomplete_details?.reason,
    hasToolCalls: content.some((part) => part.type === 'tool-call'),
  });
  return {
    value: {
      id: response.id ?? context.generateId('resp'),
      model: response.model ?? '',
      created: response.created_at ?? Math.floor(context.now() / 1000),
      content,
      finish,
      usage: convertOpenAIResponsesUsage(response.usage),
    },
    warnings,
  };
}

function unwrapTerminalEvent(body: unknown): unknown {
  if (typeof body !== 'object' || body === null) return body;
  const record = body as Record<string, unknown>;
  const inner = record['response'];
  const isEvent = typeof record['type'] === 'string' && (record['type'] as string).startsWith('response.');
  return isEvent && typeof inner === 'object' && inner !== null ? inner : body;
}

/** response.error codes (the SDK's ResponseError) -> HTTP status; rate limits are retryable. */
export function statusForResponsesErrorCode(code: string | undefined): number {
  if (code === 'rate_limit_exceeded' || code === 'insufficient_quota') return 429;
  if (code === 'context_length_exceeded' || code === 'invalid_prompt' || (code?.startsWith('invalid_') ?? false) || (code?.startsWith('image_') ?? false)) return 400;
  return 502;
}

function failedResponseError(response: UpstreamResponse): ProxyError {
  const code = response.error?.code;
  const status = statusForResponsesErrorCode(code);
  return new ProxyError({
    code: 'PX_UPSTREAM_HTTP',
    httpStatus: status,
    retryable: status !== 400,
    message: response.error?.message ?? 'The upstream response failed.',
    details: code ? { upstreamCode: code } : undefined,
  });
}
