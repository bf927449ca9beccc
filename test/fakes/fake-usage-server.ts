import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { flattenHeaders } from './fake-http-helpers';
import { closeServer } from './fake-upstream-server';

/**
 * A fake of the account usage endpoints (src-proxy/quota/README.md, "Usage endpoints") on 127.0.0.1:
 * `GET /api/oauth/usage` (Claude), `GET /backend-api/wham/usage` (Codex), `POST /v1internal:retrieveUserQuota`
 * (Gemini CLI's Code Assist; point an account's base URL at `origin`) and the Grok CLI chat proxy's
 * `GET /v1/billing?format=credits` and `GET /v1/billing` (xAI; only with `x-xai-token-auth: xai-grok-cli`, else 404
 * as the proxy answers), answering the JSON shapes the peer apps and the Gemini CLI read. Requests without an
 * accepted Bearer token get a 401.
 */
export interface FakeUsageRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface FakeUsageServer {
  origin: string;
  claudeUsageUrl: string;
  codexUsageUrl: string;
  requests: FakeUsageRequest[];
  /** Replaces the body the Claude / Codex route answers with. */
  setClaudeUsage(body: unknown): void;
  setCodexUsage(body: unknown): void;
  setGeminiQuota(body: unknown): void;
  /** The next `times` requests (any route) answer `status` with a body that echoes the token, as a careless upstream might. */
  failNext(status: number, times?: number): void;
  close(): Promise<void>;
}

export interface FakeUsageServerOptions {
  /** Which Bearer tokens are valid (default: any non-empty one). */
  isValidToken?: (token: string) => boolean;
}

export const defaultClaudeUsage = {
  five_hour: { utilization: 24, resets_at: '2026-11-26T19:59:59.600956+00:00' },
  seven_day: { utilization: 36, resets_at: '2026-12-01T06:59:59.600974+00:00' },
  seven_day_sonnet: { utilization: 1, resets_at: '2026-12-01T14:59:59.600981+00:00' },
  seven_day_opus: null,
  seven_day_oauth_apps: null,
  iguana_necktie: null,
  extra_usage: { is_enabled: false, monthly_limit: null, used_credits: null, utilization: null },
};

export const defaultCodexUsage = {
  plan_type: 'pro',
  rate_limit: {
    allowed: true,
    limit_reached: false,
    primary_window: { used_percent: 3, limit_window_seconds: 18_000, reset_after_seconds: 15_858, reset_at: 1_796_000_000 },
    secondary_window: { used_percent: 9, limit_window_seconds: 604_800, reset_after_seconds: 489_450, reset_at: 1_796_400_000 },
  },
  code_review_rate_limit: { allowed: true, limit_reached: false, primary_window: { used_percent: 0, limit_window_seconds: 604_800, reset_after_seconds: 604_800, reset_at: 1_796_500_000 }, secondary_window: null },
  credits: { has_credits: false, unlimited: false, balance: '0', approx_local_messages: [0, 0], approx_cloud_messages: [0, 0] },
};

/**
 * The Grok CLI chat proxy's billing answers for a weekly-credits plan (the shapes reported in the official panel's
 * issue #345): `credits` for `?format=credits` (a usage percent per period and product), `monthly` for the plain
 * route (the older monthly figures, here an account without a monthly allowance).
 */
export const defaultXaiBilling = {
  credits: {
    config: {
      currentPeriod: { type: 'USAGE_PERIOD_TYPE_WEEKLY', start: '2029-12-31T00:00:00+00:00', end: '2030-01-07T00:00:00+00:00' },
      creditUsagePercent: 12,
      onDemandCap: { val: 0 },
      onDemandUsed: { val: 0 },
      productUsage: [
        { product: 'GrokBuild', usagePercent: 10 },
        { product: 'GrokChat', usagePercent: 2 },
      ],
      billingPeriodStart: '2029-12-31T00:00:00+00:00',
      billingPeriodEnd: '2030-01-07T00:00:00+00:00',
    },
  },
  monthly: { config: { monthlyLimit: { val: 0 }, used: { val: 0 }, onDemandCap: { val: 0 }, billingPeriodStart: '2029-12-31T00:00:00+00:00', billingPeriodEnd: '2030-01-07T00:00:00+00:00' } },
};

export const defaultGeminiQuota = {
  buckets: [
    { modelId: 'gemini-2.5-pro', tokenType: 'REQUESTS', remainingFraction: 0.75, resetTime: '2026-12-08T08:00:00Z' },
    { modelId: 'gemini-2.5-flash', tokenType: 'REQUESTS', remainingFraction: 1, resetTime: '2026-12-08T08:00:00Z' },
  ],
};

type UsageRoute = 'claude' | 'codex' | 'gemini' | 'xai-credits' | 'xai-monthly';

/** Route path (with its query) -> its method and the headers it needs besides the token; the bodies are settable per test. */
const routes: Readonly<Record<string, { method: string; name: UsageRoute; headers?: Record<string, string> }>> = {
  '/api/oauth/usage': { method: 'GET', name: 'claude' },
  '/backend-api/wham/usage': { method: 'GET', name: 'codex' },
  '/v1internal:retrieveUserQuota': { method: 'POST', name: 'gemini' },
  '/v1/billing?format=credits': { method: 'GET', name: 'xai-credits', headers: { 'x-xai-token-auth': 'xai-grok-cli' } },
  '/v1/billing': { method: 'GET', name: 'xai-monthly', headers: { 'x-xai-token-auth': 'xai-grok-cli' } },
};

export async function startFakeUsageServer(options: FakeUsageServerOptions = {}): Promise<FakeUsageServer> {
  const isValidToken = options.isValidToken ?? ((token: string) => token !== '');
  const requests: FakeUsageRequest[] = [];
  const bodies: Record<UsageRoute, unknown> = {
    claude: defaultClaudeUsage,
    codex: defaultCodexUsage,
    gemini: defaultGeminiQuota,
    'xai-credits': defaultXaiBilling.credits,
    'xai-monthly': defaultXaiBilling.monthly,
  };
  const failures: number[] = [];

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '/';
      const headers = flattenHeaders(request.headers);
      requests.push({ path, headers, body: Buffer.concat(chunks).toString('utf8') });
      const token = /^Bearer (.+)$/.exec(headers.authorization ?? '')?.[1] ?? '';
      const failure = failures.shift();
      if (failure !== undefined) return send(response, failure, { error: { message: `failed for token ${token}` } });
      const route = routes[path];
      const headersMissing = Object.entries(route?.headers ?? {}).some(([name, value]) => headers[name] !== value);
      if (!route || headersMissing) return send(response, 404, { error: 'not found' });
      if (request.method !== route.method) return send(response, 405, { error: 'method not allowed' });
      if (!isValidToken(token)) return send(response, 401, { error: { type: 'authentication_error', message: 'Invalid bearer token' } });
      send(response, 200, bodies[route.name]);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    claudeUsageUrl: `${origin}/api/oauth/usage`,
    codexUsageUrl: `${origin}/backend-api/wham/usage`,
    requests,
    setClaudeUsage: (body) => (bodies.claude = body),
    setCodexUsage: (body) => (bodies.codex = body),
    setGeminiQuota: (body) => (bodies.gemini = body),
    failNext: (status, times = 1) => failures.push(...Array.from({ length: times }, () => status)),
    close: () => closeServer(server),
  };
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}
