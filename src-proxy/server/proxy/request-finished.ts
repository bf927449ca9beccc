import type { CanonicalUsage } from '../../canonical/index';
import type { RequestFinished, RequestTokens } from '../server-deps';
import type { ProxyInfo } from './proxy-info';

/** What the transport (an HTTP response, a WebSocket request) knows about a request when it is over. */
export interface RequestEnd {
  id: string;
  route: string;
  /** Epoch ms when the request arrived. */
  startedAt: number;
  /** performance.now() when the request arrived (ttfb and latency are measured on this clock). */
  arrivedAt: number;
  clientProtocol: string | null;
  clientKey: string | null;
  status: number;
}

/** The RequestFinished event of a proxied request: the transport's facts plus what the pipeline noted. */
export function buildRequestFinished(end: RequestEnd, info: ProxyInfo, now: number): RequestFinished {
  const usage = info.usage();
  return {
    id: end.id,
    route: end.route,
    startedAt: end.startedAt,
    clientProtocol: end.clientProtocol,
    clientKey: end.clientKey,
    provider: info.credential?.provider ?? null,
    credential: info.credential?.id ?? null,
    accountLabel: info.credential?.label ?? info.answeredBy ?? null,
    model: info.model,
    upstreamModel: info.upstreamModel,
    stream: info.stream,
    status: end.status,
    latencyMs: now - end.arrivedAt,
    ttfbMs: info.firstByteAt === null ? null : info.firstByteAt - end.arrivedAt,
    attempts: info.attempts,
    tokens: usage ? toRequestTokens(usage) : null,
    error: info.error ?? (end.status === 499 ? clientClosed : null),
  };
}

/** The request log line's own fields of a finished request (never keys, headers or bodies). */
export function requestLogFields(event: RequestFinished): Record<string, unknown> {
  return {
    model: event.model ?? undefined,
    credential: event.accountLabel ?? undefined,
    status: event.status,
    latencyMs: Math.round(event.latencyMs * 10) / 10,
    retries: event.attempts > 1 ? event.attempts - 1 : undefined,
    tokens: event.tokens ?? undefined,
  };
}

const clientClosed = 'The client closed the connection.';

/**
 * Canonical usage (input includes cached, output includes reasoning) -> the event's counts. The total
 * follows CLIProxyAPI's normalization (docs/management-api.md#usage): a reported 0 becomes
 * input + output + reasoning, and if that is still 0, input + output + reasoning + cached.
 */
export function toRequestTokens(usage: CanonicalUsage): RequestTokens {
  const input = usage.inputTokens;
  const output = usage.outputTokens;
  const cached = usage.cachedInputTokens ?? 0;
  const reasoning = usage.reasoningTokens ?? 0;
  const total = usage.totalTokens || input + output + reasoning || input + output + reasoning + cached;
  return { input, output, cached, reasoning, total };
}

/** The first line of an error message, as the event and the log keep it. */
export function firstLine(message: string): string {
  const newline = message.indexOf('\n');
  return (newline === -1 ? message : message.slice(0, newline)).trim();
}
