import type { Dispatcher } from 'undici';
import { loadUndici } from '../../http/undici-lean';

/** CPA's answer for a call that got a response: the upstream status, headers (Go's canonical names, value lists) and body text. */
export interface ApiCallResponse {
  status_code: number;
  header: Record<string, string[]>;
  body: string;
}

export type ApiCallOutcome = { ok: true; value: ApiCallResponse } | { ok: false; kind: 'invalid-request' | 'failed' };

export interface ApiCallSend {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: string | undefined;
  dispatcher: Dispatcher;
  timeoutMs: number;
}

/**
 * One outbound call. Redirects are not followed (CPA's Go client follows them): a 3xx is answered as is, so
 * a substituted token never rides a redirect to another host. 'invalid-request' = undici refused to build
 * it (a header value it rejects); 'failed' = no response (refused, reset, timed out).
 */
export async function sendApiCall(call: ApiCallSend): Promise<ApiCallOutcome> {
  try {
    const { request } = await loadUndici();
    const response = await request(call.url, {
      method: call.method as Dispatcher.HttpMethod,
      headers: call.headers,
      body: call.body,
      dispatcher: call.dispatcher,
      signal: AbortSignal.timeout(call.timeoutMs),
    });
    const body = await response.body.text();
    return { ok: true, value: { status_code: response.statusCode, header: canonicalHeaders(response.headers), body } };
  } catch (error) {
    return { ok: false, kind: isInvalidArgument(error) ? 'invalid-request' : 'failed' };
  }
}

/** Go's `http.Header` spelling (`content-type` -> `Content-Type`), which the panel and CPA scripts read. */
function canonicalHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const canonical = name.toLowerCase().replace(/(^|-)([a-z])/g, (_match, dash: string, letter: string) => dash + letter.toUpperCase());
    (result[canonical] ??= []).push(...(Array.isArray(value) ? value : [value]));
  }
  return result;
}

function isInvalidArgument(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && (error as { code: unknown }).code === 'UND_ERR_INVALID_ARG';
}
