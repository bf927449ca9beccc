import type { CanonicalResponse, CanonicalUsage, Translated, TranslationWarning } from '../../canonical/index';
import { toProxyError } from '../../errors/to-proxy-error';
import { ProxyError } from '../../errors/proxy-error';
import type { AttemptOutcome } from '../../routing/execute-with-retry';
import type { UpstreamCodec, UpstreamRestore } from '../../protocols/wire-codec';
import type { BufferedReply } from './attempt-upstream';
import type { ClientCall } from './client-call';

export interface TranslatedBody {
  kind: 'buffered';
  status: number;
  contentType: string;
  body: string;
}

/**
 * A whole upstream JSON response -> canonical -> the client's wire. An unreadable upstream body is an
 * attempt failure (retryable), not a crash.
 */
export function translateBufferedReply(
  raw: BufferedReply,
  call: ClientCall,
  translation: { codec: UpstreamCodec; restore: UpstreamRestore },
): (AttemptOutcome<TranslatedBody> & { ok: false }) | { ok: true; value: TranslatedBody; warnings: TranslationWarning[]; usage: CanonicalUsage } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.body.toString('utf8'));
  } catch {
    const error = new ProxyError({ code: 'PX_UPSTREAM_PROTOCOL', message: 'The upstream answered with a body that is not JSON.', httpStatus: 502, retryable: true });
    return { ok: false, error, failure: { status: undefined, body: '', retryAfter: undefined } };
  }
  let decoded: Translated<CanonicalResponse>;
  try {
    decoded = translation.codec.decodeResponse(parsed, call.context, translation.restore);
  } catch (error) {
    // e.g. a 200 whose body is an error object: a failure of this attempt, possibly retryable elsewhere.
    const proxyError = toProxyError(error);
    return { ok: false, error: proxyError, failure: { status: proxyError.upstreamStatus, body: proxyError.upstreamBody ?? proxyError.message, retryAfter: undefined } };
  }
  const encoded = call.codec.encodeResponse(decoded.value, call.context, { model: call.model, clientBody: call.body, canonical: call.canonical() });
  return {
    ok: true,
    value: { kind: 'buffered', status: 200, contentType: 'application/json; charset=utf-8', body: JSON.stringify(encoded) },
    warnings: decoded.warnings,
    usage: decoded.value.usage,
  };
}
