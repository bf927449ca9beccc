import type { Dispatcher } from 'undici';
import { ProxyError } from '../errors/proxy-error';
import { dispatchUpstream } from '../http/dispatch-upstream';
import { upstreamNetworkError } from '../http/upstream-network-error';
import { claudeCodeUserAgent } from '../providers/claude-api/claude-code-profile';
import { codexOriginator, codexUserAgent } from '../providers/codex/codex-executor';
import type { Credential } from '../routing/credential';
import type { AttemptOutcome } from '../routing/execute-with-retry';
import { sendWithOAuth } from '../routing/send-with-oauth';
import { decodeClaudeUsage } from './decode-claude-usage';
import { decodeCodexUsage } from './decode-codex-usage';
import type { QuotaEndpoints } from './quota-endpoints';
import type { QuotaReading } from './quota-types';

/** Which usage endpoint an account can ask: Claude and Codex OAuth accounts only. */
export type UsageEndpointKind = 'claude' | 'codex';

export function usageEndpointKind(credential: Credential): UsageEndpointKind | undefined {
  if (!credential.oauth) return undefined;
  return credential.provider === 'claude' || credential.provider === 'codex' ? credential.provider : undefined;
}

export type UsageFetchResult = { ok: true; reading: QuotaReading } | { ok: false; message: string; status: number | null };

export interface UsageFetchOptions {
  endpoints: QuotaEndpoints;
  dispatcher: Dispatcher;
  now(): number;
  timeoutMs: number;
}

/**
 * Asks the account's usage endpoint with its current access token, the way executors send (refreshed
 * when due, refreshed once more after a 401: `sendWithOAuth`), through the account's proxy. Failures are
 * messages written here, never the upstream body (it may echo the token).
 */
export async function fetchAccountUsage(credential: Credential, kind: UsageEndpointKind, options: UsageFetchOptions): Promise<UsageFetchResult> {
  const outcome = await sendWithOAuth(credential, (withToken) => requestUsage(withToken, kind, options));
  if (outcome.ok) return { ok: true, reading: outcome.value };
  return { ok: false, message: outcome.error.message, status: outcome.failure.status ?? null };
}

async function requestUsage(credential: Credential, kind: UsageEndpointKind, options: UsageFetchOptions): Promise<AttemptOutcome<QuotaReading>> {
  const url = kind === 'claude' ? options.endpoints.claudeUsageUrl : options.endpoints.codexUsageUrl;
  const signal = AbortSignal.timeout(options.timeoutMs);
  try {
    const exchange = await dispatchUpstream({ method: 'GET', url, headers: usageHeaders(credential, kind), body: undefined }, options.dispatcher, signal);
    const text = (await exchange.readAll()).toString('utf8');
    if (exchange.status < 200 || exchange.status >= 300) return failure(httpMessage(exchange.status), exchange.status);
    const reading = decode(kind, text, options.now());
    return reading ? { ok: true, value: reading } : failure('The usage endpoint answered with a body this app cannot read.', exchange.status);
  } catch (error) {
    if (signal.aborted) return failure(`The usage endpoint did not answer within ${Math.round(options.timeoutMs / 1000)} s.`, undefined);
    return failure(upstreamNetworkError(error, signal).message, undefined);
  }
}

/** Claude: the OAuth beta the endpoint requires; Codex: the account header and the CLI's identity, as its executor sends them. */
function usageHeaders(credential: Credential, kind: UsageEndpointKind): Record<string, string> {
  const headers: Record<string, string> = { authorization: `Bearer ${credential.apiKey}`, accept: 'application/json' };
  if (kind === 'claude') return { ...headers, 'anthropic-beta': 'oauth-2025-04-20', 'user-agent': claudeCodeUserAgent };
  const accountId = credential.oauth?.accountId;
  return { ...headers, 'user-agent': codexUserAgent, originator: codexOriginator, ...(accountId ? { 'chatgpt-account-id': accountId } : {}) };
}

function decode(kind: UsageEndpointKind, text: string, now: number): QuotaReading | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  return kind === 'claude' ? decodeClaudeUsage(body) : decodeCodexUsage(body, now);
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
