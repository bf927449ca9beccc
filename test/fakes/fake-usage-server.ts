import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { flattenHeaders } from './fake-http-helpers';

/**
 * A fake of the account usage endpoints (src-proxy/quota/README.md, "Usage endpoints") on 127.0.0.1:
 * `GET /api/oauth/usage` (Claude), `GET /backend-api/wham/usage` (Codex) and `POST /v1internal:retrieveUserQuota`
 * (Gemini CLI's Code Assist; point an account's base URL at `origin`), answering the JSON shapes the peer apps
 * and the Gemini CLI read. Requests without an accepted Bearer token get a 401.
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

export const defaultGeminiQuota = {
  buckets: [
    { modelId: 'gemini-2.5-pro', tokenType: 'REQUESTS', remainingFraction: 0.75, resetTime: '2026-12-08T08:00:00Z' },
    { modelId: 'gemini-2.5-flash', tokenType: 'REQUESTS', remainingFraction: 1, resetTime: '2026-12-08T08:00:00Z' },
  ],
};

/** Route path -> its method; the bodies are settable per test. */
const routes: Readonly<Record<string, { method: string; name: 'claude' | 'codex' | 'gemini' }>> = {
  '/api/oauth/usage': { method: 'GET', name: 'claude' },
  '/backend-api/wham/usage': { method: 'GET', name: 'codex' },
  '/v1internal:retrieveUserQuota': { method: 'POST', name: 'gemini' },
};

export async function startFakeUsageServer(options: FakeUsageServerOptions = {}): Promise<FakeUsageServer> {
  const isValidToken = options.isValidToken ?? ((token: string) => token !== '');
  const requests: FakeUsageRequest[] = [];
  const bodies: Record<'claude' | 'codex' | 'gemini', unknown> = { claude: defaultClaudeUsage, codex: defaultCodexUsage, gemini: defaultGeminiQuota };
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
      if (!route) return send(response, 404, { error: 'not found' });
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
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}
