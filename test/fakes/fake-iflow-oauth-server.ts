import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { flattenHeaders, parseBody, readBody } from './fake-http-helpers';
import { closeServer } from './fake-upstream-server';
import type { FakeOAuthRecorded } from './fake-oauth-server';

export interface FakeIFlowOAuthServer {
  origin: string;
  /** GET /oauth?loginMethod&type&redirect&state&client_id -> 302 to `<redirect>?code=…&state=…` (the user approved). */
  authorizeUrl: string;
  /** POST /oauth/token (form + Basic auth): authorization_code and refresh_token grants. */
  tokenUrl: string;
  /** GET /api/oauth/getUserInfo?accessToken= -> {success, data:{apiKey, email, phone}}. */
  userInfoUrl: string;
  requests: FakeOAuthRecorded[];
  setEmail(email: string): void;
  setExpiresIn(seconds: number): void;
  /** Delay before a refresh answers, so concurrent callers overlap. */
  setRefreshDelay(ms: number): void;
  refreshCount(): number;
  /** A refresh token bound to a fresh access token and API key (to seed auth files). */
  issue(): { accessToken: string; refreshToken: string; apiKey: string };
  revoke(refreshToken: string): void;
  /** platform.iflow.cn `GET|POST /api/openapi/apikey` (cookie login, docs/providers.md#iflow-cookie-login). */
  apiKeyUrl: string;
  /** A BXAuth cookie value the apikey endpoint accepts, for the account `name`; returns its current key (each POST rotates it). */
  addCookieAccount(bxAuth: string, name: string): string;
  /** Whether the API key was handed out by getUserInfo for a live access token. */
  isIssuedApiKey(apiKey: string): boolean;
  close(): Promise<void>;
}

export const fakeIFlowClientId = '10009311001';
export const fakeIFlowClientSecret = '4Z3YjXycVsQvyGF1etiNlIBB4RsqSDtW';

/**
 * A fake of iFlow's OAuth (docs/providers.md#iflow-login, docs/providers.md#iflow-refresh) on 127.0.0.1: an authorize page that redirects to `redirect`
 * with a one-time code, a token endpoint that checks the client secret in the form and as Basic auth and
 * the redirect_uri, rotating refresh tokens (`invalid_grant` for unknown ones), and getUserInfo that
 * yields one API key per access token.
 */
export async function startFakeIFlowOAuthServer(): Promise<FakeIFlowOAuthServer> {
  const codes = new Map<string, string>();
  const refreshTokens = new Set<string>();
  const apiKeys = new Map<string, string>();
  const requests: FakeOAuthRecorded[] = [];
  const cookieAccounts = new Map<string, { name: string; apiKey: string }>();
  const cookieKeys = new Set<string>();
  const newCookieKey = () => {
    const key = `sk-iflow-cookie-${randomBytes(8).toString('hex')}`;
    cookieKeys.add(key);
    return key;
  };
  let email = 'ivy@example.com';
  let expiresIn = 172_800;
  let refreshes = 0;
  let refreshDelay = 0;
  const expectedBasic = `Basic ${Buffer.from(`${fakeIFlowClientId}:${fakeIFlowClientSecret}`).toString('base64')}`;

  const issue = () => {
    const accessToken = `iflow-access-${randomBytes(8).toString('hex')}`;
    const refreshToken = `iflow-refresh-${randomBytes(8).toString('hex')}`;
    const apiKey = `sk-iflow-${randomBytes(8).toString('hex')}`;
    apiKeys.set(accessToken, apiKey);
    refreshTokens.add(refreshToken);
    return { accessToken, refreshToken, apiKey };
  };
  const tokenAnswer = () => {
    const { accessToken, refreshToken } = issue();
    return { access_token: accessToken, refresh_token: refreshToken, expires_in: expiresIn, token_type: 'bearer', scope: 'read' };
  };

  async function handleToken(form: Record<string, string>, authorization: string): Promise<[number, unknown]> {
    if (authorization !== expectedBasic || form.client_id !== fakeIFlowClientId || form.client_secret !== fakeIFlowClientSecret) return [401, { error: 'invalid_client' }];
    if (form.grant_type === 'authorization_code') {
      const redirect = codes.get(form.code ?? '');
      codes.delete(form.code ?? '');
      if (redirect === undefined || redirect !== form.redirect_uri) return [400, { error: 'invalid_grant' }];
      return [200, tokenAnswer()];
    }
    if (form.grant_type === 'refresh_token') {
      refreshes += 1;
      if (refreshDelay > 0) await new Promise((resolve) => setTimeout(resolve, refreshDelay));
      if (!refreshTokens.delete(form.refresh_token ?? '')) return [400, { error: 'invalid_grant' }];
      return [200, tokenAnswer()];
    }
    return [400, { error: 'unsupported_grant_type' }];
  }

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const raw = await readBody(request);
      const form = Object.fromEntries(new URLSearchParams(raw));
      const json = (request.headers['content-type'] ?? '').includes('json');
      requests.push({ method: request.method ?? 'GET', path: url.pathname, headers: flattenHeaders(request.headers), body: json ? parseBody(raw) : form });
      if (request.method === 'GET' && url.pathname === '/oauth') {
        const redirect = url.searchParams.get('redirect') ?? '';
        if (url.searchParams.get('client_id') !== fakeIFlowClientId || !redirect) {
          response.writeHead(400).end('bad request');
          return;
        }
        const code = `iflow-code-${randomBytes(8).toString('hex')}`;
        codes.set(code, redirect);
        response.writeHead(302, { location: `${redirect}?${new URLSearchParams({ code, state: url.searchParams.get('state') ?? '' }).toString()}` }).end();
        return;
      }
      let status = 404;
      let payload: unknown = { error: 'not_found' };
      if (url.pathname === '/api/openapi/apikey') {
        const account = cookieAccounts.get(/BXAuth=([^;]+)/.exec(request.headers.cookie ?? '')?.[1] ?? '');
        if (account && request.method === 'POST') account.apiKey = newCookieKey();
        // Like the platform: 200 with success:false for a missing or stale login.
        [status, payload] = account
          ? [200, { success: true, data: { name: account.name, apiKey: account.apiKey, apiKeyMask: `${account.apiKey.slice(0, 6)}****`, expireTime: '2099-01-01 00:00', hasExpired: false } }]
          : [200, { success: false, message: 'not logged in' }];
      }
      if (request.method === 'POST' && url.pathname === '/oauth/token') [status, payload] = await handleToken(form, request.headers.authorization ?? '');
      if (request.method === 'GET' && url.pathname === '/api/oauth/getUserInfo') {
        const apiKey = apiKeys.get(url.searchParams.get('accessToken') ?? '');
        [status, payload] = apiKey ? [200, { success: true, data: { apiKey, email, phone: '13800000000' } }] : [200, { success: false, message: 'invalid token' }];
      }
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(payload));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    authorizeUrl: `${origin}/oauth`,
    tokenUrl: `${origin}/oauth/token`,
    userInfoUrl: `${origin}/api/oauth/getUserInfo`,
    requests,
    setEmail(value) {
      email = value;
    },
    setExpiresIn(seconds) {
      expiresIn = seconds;
    },
    setRefreshDelay(ms) {
      refreshDelay = ms;
    },
    refreshCount: () => refreshes,
    issue,
    revoke(refreshToken) {
      refreshTokens.delete(refreshToken);
    },
    isIssuedApiKey: (apiKey) => [...apiKeys.values()].includes(apiKey) || cookieKeys.has(apiKey),
    apiKeyUrl: `${origin}/api/openapi/apikey`,
    addCookieAccount(bxAuth, name) {
      const apiKey = newCookieKey();
      cookieAccounts.set(bxAuth, { name, apiKey });
      return apiKey;
    },
    close: () => closeServer(server),
  };
}
