import { randomBytes } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import { buildCompletionBody, buildErrorBody, buildStreamChunks, estimatePromptTokens, isRecord, splitContent } from './fake-openai-bodies';
import { flattenHeaders, parseBody, readBody, writeFlushed } from './fake-http-helpers';
import type { FakeOAuthRecorded } from './fake-oauth-server';
import { sendJson, SSE_HEADERS } from './fake-upstream-replies';
import { closeServer, listenOnLoopback } from './fake-upstream-server';

/** What one device-code poll answers: pending states with HTTP 200 as Kimi sends them, final errors with 400, or the tokens. */
export type FakeKimiPollStep = 'authorization_pending' | 'slow_down' | 'expired_token' | 'access_denied' | 'approve';

export interface FakeKimiServer {
  origin: string;
  /** POST /api/oauth/device_authorization (form client_id). */
  deviceCodeUrl: string;
  /** POST /api/oauth/token (form): device_code and refresh_token grants. */
  tokenUrl: string;
  /** The API base, `<origin>/coding`: POST /v1/chat/completions (JSON and SSE), GET /v1/usages. */
  apiBase: string;
  /** Every request, OAuth and API (form or JSON body parsed). */
  requests: FakeOAuthRecorded[];
  setPollScript(steps: FakeKimiPollStep[]): void;
  /** `expires_in` of issued access tokens; the API refuses a token once it is past. */
  setExpiresIn(seconds: number): void;
  /** What GET /coding/v1/usages answers (default `defaultKimiUsage`). */
  setUsage(body: Record<string, unknown>): void;
  /** Tokens issued outside a login (a file written by a test), bound to a device id like a login's. */
  issueTokens(deviceId: string): { accessToken: string; refreshToken: string };
  /** Makes the access token fail with 401 from now on (as an expired or revoked token does). */
  expireAccessToken(accessToken: string): void;
  revokeRefreshToken(refreshToken: string): void;
  /** The next API call with this token answers 401, as for a token Kimi revoked. */
  rejectNextCall(accessToken: string): void;
  /** The next API call with this token answers 429 with `Retry-After: 3600`, as when the plan's window is used up. */
  exhaustQuota(accessToken: string): void;
  /** Delay before a refresh answers, so concurrent callers overlap. */
  setRefreshDelay(ms: number): void;
  /** Forgets the recorded requests, pending one-shot answers and the refresh delay. */
  reset(): void;
  isValidAccessToken(token: string): boolean;
  refreshCount(): number;
  close(): Promise<void>;
}

/** A usage answer in the shape CLIProxyAPI's panel reads: a weekly `usage`, a 5-hour window in `limits`, numbers as strings. */
export const defaultKimiUsage = {
  usage: { limit: '100', used: '25', remaining: '75', resetTime: '2030-01-06T00:00:00Z' },
  limits: [{ window: { duration: 300, timeUnit: 'TIME_UNIT_MINUTE' }, detail: { limit: '200', remaining: '180', resetTime: '2030-01-01T05:00:00Z' } }],
};

export const fakeKimiClientId = '17e5f671-d194-4dfb-9706-5516cb48c098';

/** The identity headers Kimi expects on every OAuth and API request; the API also wants CLIProxyAPI's user agent. */
const identityHeaders = ['x-msh-platform', 'x-msh-version', 'x-msh-device-name', 'x-msh-device-model', 'x-msh-device-id'] as const;

/** Model ids the Kimi Code API serves: the prefixed catalogue names (`kimi-k2.6`) are unknown to it. */
const upstreamModels = new Set(['k2', 'k2-thinking', 'k2.5', 'k2.6', 'kimi-for-coding', 'kimi-for-coding-highspeed', 'k3', 'k3-256k']);

interface Grant {
  deviceId: string;
  expiresAt: number;
}

/**
 * A strict fake of Kimi (docs/providers.md#kimi-login-kimi) on 127.0.0.1: the device flow at the OAuth
 * paths of auth.kimi.com and the chat completions of api.kimi.com/coding on one server. It refuses what
 * the real service refuses: another client id, missing `X-Msh-*` identity headers, a poll or refresh from
 * another device than the login's, an unknown or used device code, an unknown refresh token (401), an API
 * call without a live bearer issued to that device, a model id Kimi does not know, and a history Kimi
 * rejects (an empty assistant message, an assistant tool call without `reasoning_content`, a tool
 * result without `tool_call_id`). Answers `Hello from kimi`.
 */
export async function startFakeKimiServer(): Promise<FakeKimiServer> {
  const devices = new Map<string, { deviceId: string; used: boolean }>();
  const refreshTokens = new Map<string, string>();
  const accessTokens = new Map<string, Grant>();
  const requests: FakeOAuthRecorded[] = [];
  let script: FakeKimiPollStep[] = ['approve'];
  let scriptIndex = 0;
  let expiresIn = 3600;
  let refreshes = 0;
  let usage: Record<string, unknown> = defaultKimiUsage;
  let refreshDelay = 0;
  const oneShot = new Map<string, 'reject' | 'quota'>();

  const issue = (deviceId: string) => {
    const accessToken = `kimi-access-${randomBytes(8).toString('hex')}`;
    const refreshToken = `kimi-refresh-${randomBytes(8).toString('hex')}`;
    accessTokens.set(accessToken, { deviceId, expiresAt: Date.now() + expiresIn * 1000 });
    refreshTokens.set(refreshToken, deviceId);
    return { access_token: accessToken, refresh_token: refreshToken, token_type: 'Bearer', expires_in: expiresIn, scope: 'kimi-code' };
  };

  function identityProblem(headers: Record<string, string>): string | undefined {
    const missing = identityHeaders.find((name) => !headers[name]);
    return missing ? `missing header ${missing}` : undefined;
  }

  async function oauth(path: string, form: Record<string, string>, headers: Record<string, string>): Promise<[number, unknown]> {
    const problem = identityProblem(headers);
    if (problem) return [400, { error: 'invalid_request', error_description: problem }];
    if (form.client_id !== fakeKimiClientId) return [401, { error: 'invalid_client' }];
    const deviceId = headers['x-msh-device-id'] ?? '';
    if (path === '/api/oauth/device_authorization') {
      const deviceCode = `dev-${randomBytes(8).toString('hex')}`;
      const userCode = randomBytes(4).toString('hex').toUpperCase();
      devices.set(deviceCode, { deviceId, used: false });
      scriptIndex = 0;
      return [200, { device_code: deviceCode, user_code: userCode, verification_uri: `${origin}/code/authorize_device`, verification_uri_complete: `${origin}/code/authorize_device?user_code=${userCode}`, expires_in: 900 }];
    }
    if (path !== '/api/oauth/token') return [404, { error: 'not_found' }];
    if (form.grant_type === 'urn:ietf:params:oauth:grant-type:device_code') {
      const device = devices.get(form.device_code ?? '');
      if (!device || device.used || device.deviceId !== deviceId) return [400, { error: 'invalid_grant' }];
      const step = script[Math.min(scriptIndex, script.length - 1)] ?? 'approve';
      scriptIndex += 1;
      if (step === 'authorization_pending' || step === 'slow_down') return [200, { error: step, error_description: step }];
      if (step !== 'approve') return [400, { error: step }];
      device.used = true;
      return [200, issue(deviceId)];
    }
    if (form.grant_type === 'refresh_token') {
      refreshes += 1;
      if (refreshDelay > 0) await new Promise((resolve) => setTimeout(resolve, refreshDelay));
      const owner = refreshTokens.get(form.refresh_token ?? '');
      if (owner === undefined || owner !== deviceId) return [401, { error: 'invalid_grant', error_description: 'refresh token is invalid or expired' }];
      refreshTokens.delete(form.refresh_token ?? '');
      return [200, issue(deviceId)];
    }
    return [400, { error: 'unsupported_grant_type' }];
  }

  /** The live grant behind the request's bearer, or the 401 Kimi answers without one. */
  function bearerGrant(headers: Record<string, string>): Grant | [number, string] {
    const token = /^Bearer (.+)$/.exec(headers.authorization ?? '')?.[1] ?? '';
    const grant = accessTokens.get(token);
    if (grant && grant.expiresAt > Date.now() && oneShot.get(token) !== 'reject') return grant;
    oneShot.delete(token);
    return [401, 'The API Key appears to be invalid or may have expired.'];
  }

  /**
   * GET /coding/v1/usages: a live bearer is enough (CLIProxyAPI's panel asks it with nothing but the token, and its
   * `/api-call` adds no header); a device id that is sent must still be the token's.
   */
  function usageProblem(headers: Record<string, string>): [number, string] | undefined {
    const grant = bearerGrant(headers);
    if (Array.isArray(grant)) return grant;
    const deviceId = headers['x-msh-device-id'];
    return deviceId !== undefined && deviceId !== grant.deviceId ? [401, 'device mismatch'] : undefined;
  }

  /** The bearer, identity and client checks of every chat call: undefined when Kimi would serve it. */
  function callerProblem(headers: Record<string, string>): [number, string] | undefined {
    const grant = bearerGrant(headers);
    if (Array.isArray(grant)) return grant;
    const problem = identityProblem(headers);
    if (problem) return [400, problem];
    if (headers['x-msh-device-id'] !== grant.deviceId) return [401, 'device mismatch'];
    if (headers['x-msh-platform'] !== 'CLIProxyAPI' || !(headers['user-agent'] ?? '').startsWith('CLIProxyAPI/')) return [403, 'unknown client'];
    return undefined;
  }

  function chatProblem(headers: Record<string, string>, body: unknown): [number, string] | undefined {
    const caller = callerProblem(headers);
    if (caller) return caller;
    if (!(headers['content-type'] ?? '').startsWith('application/json') || !isRecord(body)) return [400, 'invalid JSON body'];
    if (typeof body.model !== 'string' || !upstreamModels.has(body.model)) return [404, `Not found the model ${String(body.model)} or Permission denied`];
    return historyProblem(body.messages);
  }

  async function chat(response: ServerResponse, headers: Record<string, string>, body: unknown): Promise<void> {
    const refusal = chatProblem(headers, body);
    if (refusal) return sendJson(response, refusal[0], buildErrorBody(refusal[0], refusal[1]));
    const token = (headers.authorization ?? '').replace(/^Bearer /, '');
    if (oneShot.get(token) === 'quota') {
      oneShot.delete(token);
      return sendJson(response, 429, buildErrorBody(429, 'You have reached your usage limit for this period.'), { contentType: 'application/json', headers: { 'retry-after': '3600' } });
    }
    const payload = body as Record<string, unknown>;
    const content = 'Hello from kimi';
    const streamOptions = isRecord(payload.stream_options) ? payload.stream_options : {};
    const plan = {
      kind: 'chat' as const,
      id: `chatcmpl-${randomBytes(6).toString('hex')}`,
      created: Math.floor(Date.now() / 1000),
      model: String(payload.model),
      content,
      pieces: splitContent(content),
      promptTokens: estimatePromptTokens(payload),
      includeUsage: payload.stream !== true || streamOptions.include_usage === true,
      usageNullOnChunks: false,
    };
    if (payload.stream !== true) return sendJson(response, 200, buildCompletionBody(plan));
    response.writeHead(200, SSE_HEADERS);
    for (const chunk of buildStreamChunks(plan)) await writeFlushed(response, `data: ${JSON.stringify(chunk)}\n\n`);
    await writeFlushed(response, 'data: [DONE]\n\n');
    response.end();
  }

  const server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const headers = flattenHeaders(request.headers);
      const text = await readBody(request);
      const isApi = url.pathname === '/coding/v1/chat/completions';
      const body = isApi ? parseBody(text) : Object.fromEntries(new URLSearchParams(text));
      requests.push({ method: request.method ?? 'GET', path: url.pathname, headers, body });
      if (request.method === 'POST' && isApi) return chat(response, headers, body);
      if (request.method === 'GET' && url.pathname === '/coding/v1/usages') {
        const refusal = usageProblem(headers);
        return refusal ? sendJson(response, refusal[0], buildErrorBody(refusal[0], refusal[1])) : sendJson(response, 200, usage);
      }
      const [status, payload] = request.method === 'POST' ? await oauth(url.pathname, body as Record<string, string>, headers) : [404, { error: 'not_found' }];
      sendJson(response, status, payload);
    })();
  });
  const origin = `http://127.0.0.1:${await listenOnLoopback(server)}`;

  return {
    origin,
    deviceCodeUrl: `${origin}/api/oauth/device_authorization`,
    tokenUrl: `${origin}/api/oauth/token`,
    apiBase: `${origin}/coding`,
    requests,
    setPollScript(steps) {
      script = steps.length > 0 ? [...steps] : ['approve'];
      scriptIndex = 0;
    },
    setExpiresIn(seconds) {
      expiresIn = seconds;
    },
    setUsage(body) {
      usage = body;
    },
    issueTokens(deviceId) {
      const issued = issue(deviceId);
      return { accessToken: issued.access_token, refreshToken: issued.refresh_token };
    },
    expireAccessToken(token) {
      accessTokens.delete(token);
    },
    revokeRefreshToken(token) {
      refreshTokens.delete(token);
    },
    rejectNextCall(token) {
      oneShot.set(token, 'reject');
    },
    exhaustQuota(token) {
      oneShot.set(token, 'quota');
    },
    setRefreshDelay(ms) {
      refreshDelay = ms;
    },
    reset() {
      requests.length = 0;
      oneShot.clear();
      refreshDelay = 0;
    },
    isValidAccessToken: (token) => (accessTokens.get(token)?.expiresAt ?? 0) > Date.now(),
    refreshCount: () => refreshes,
    close: () => closeServer(server),
  };
}

/** What Kimi answers 400 for in a chat history (docs/providers.md#kimi-executor). */
function historyProblem(messages: unknown): [number, string] | undefined {
  if (!Array.isArray(messages) || messages.length === 0) return [400, 'messages must be a non-empty array'];
  for (const message of messages) {
    if (!isRecord(message)) return [400, 'invalid message'];
    const toolCalls = Array.isArray(message.tool_calls) ? message.tool_calls : [];
    if (message.role === 'assistant' && toolCalls.length === 0 && !hasText(message.content)) return [400, 'the message at position with role assistant must not be empty'];
    if (message.role === 'assistant' && toolCalls.length > 0 && !hasText(message.reasoning_content)) return [400, 'thinking is enabled but reasoning_content is missing in assistant tool call message'];
    if (message.role === 'tool' && !hasText(message.tool_call_id)) return [400, 'tool_call_id is required for tool messages'];
  }
  return undefined;
}

function hasText(value: unknown): boolean {
  if (typeof value === 'string') return value.trim() !== '';
  return Array.isArray(value) && value.some((part) => isRecord(part) && typeof part.text === 'string' && part.text.trim() !== '');
}
