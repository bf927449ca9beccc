import type { Dispatcher } from 'undici';
import { ProxyError } from '../errors/proxy-error';
import { dispatchUpstream } from '../http/dispatch-upstream';
import { upstreamNetworkError } from '../http/upstream-network-error';
import type { ProviderUsageEndpoint } from '../providers/provider-quota';
import type { Credential } from '../routing/credential';
import type { AttemptOutcome } from '../routing/execute-with-retry';
import { sendWithOAuth } from '../routing/send-with-oauth';
import type { QuotaReading } from './quota-types';

export type UsageFetchResult = { ok: true; reading: QuotaReading } | { ok: false; message: string; status: number | null };

export interface UsageFetchOptions {
  /** The resolved URL (quota-endpoints.ts `resolveUsageUrl`). */
  url: string;
  dispatcher: Dispatcher;
  now(): number;
  timeoutMs: number;
}

/**
 * Asks the account's usage endpoint with its current access token, the way executors send (refreshed
 * when due, refreshed once more after a 401: `sendWithOAuth`), through the account's proxy. Failures are
 * messages written here, never the upstream body (it may echo the token).
 */
export async function fetchAccountUsage(credential: Credential, endpoint: ProviderUsageEndpoint, options: UsageFetchOptions): Promise<UsageFetchResult> {
  const outcome = await sendWithOAuth(credential, (withToken) => requestUsage(withToken, endpoint, options));
  if (outcome.ok) return { ok: true, reading: outcome.value };
  return { ok: false, message: outcome.error.message, status: outcome.failure.status ?? null };
}

async function requestUsage(credential: Credential, endpoint: ProviderUsageEndpoint, options: UsageFetchOptions): Promise<AttemptOutcome<QuotaReading>> {
  const signal = AbortSignal.timeout(options.timeoutMs);
  try {
    const exchange = await dispatchUpstream({ method: endpoint.method, url: options.url, headers: usageHeaders(credential, endpoint), body: endpoint.body?.(credential) }, options.dispatcher, signal);
    const text = (await exchange.readAll()).toString('utf8');
    if (exchange.status < 200 || exchange.status >= 300) return failure(httpMessage(exchange.status), exchange.status);
    const reading = decode(endpoint, text, options.now());
    return reading ? { ok: true, value: reading } : failure('The usage endpoint answered with a body this app cannot read.', exchange.status);
  } catch (error) {
    if (signal.aborted) return failure(`The usage endpoint did not answer within ${Math.round(options.timeoutMs / 1000)} s.`, undefined);
    return failure(upstreamNetworkError(error, signal).message, undefined);
  }
}

/** The bearer token and JSON accept header, then the provider's own (its client identity). */
function usageHeaders(credential: Credential, endpoint: ProviderUsageEndpoint): Record<string, string> {
  return { authorization: `Bearer ${credential.apiKey}`, accept: 'application/json', ...endpoint.headers(credential) };
}

function decode(endpoint: ProviderUsageEndpoint, text: string, now: number): QuotaReading | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  return endpoint.decode(body, now);
}

function httpMessage(status: number): string {
  if (status === 401) return 'The usage endpoint rejected the account token (HTTP 401); sign in again.';
  if (status === 403) return 'The usage endpoint refused this account (HTTP 403).';
  if (status === 429) return 'The usage endpoint is rate limiting this account (HTTP 429); try again later.';
  return `The usage endpoint answered HTTP ${status}.`;
}

function failure(message: string, status: number | undefined): AttemptOutcome<QuotaReading> {
  const error = new ProxyError({ code: status === undefined ? 'PX_UPSTREAM_NETWORK' : 'PX_UPSTREAM_HTTP', message, httpStatus: 502, ...(status !== undefined ? { upstreamStatus: status } : {}) });
  return { ok: false, error, failure: { status, body: '', retryAfter: undefined } };
}
