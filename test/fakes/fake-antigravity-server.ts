import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cloudCodeReply, createFakeGoogleOAuth, type FakeCloudCodeServer, type FakeGoogleRecorded, writeCloudCodeStream, writeResourceExhausted } from './fake-google-oauth';
import { flattenHeaders, parseBody, readBody } from './fake-http-helpers';
import { closeServer } from './fake-upstream-server';
import { sendJson as json } from './fake-upstream-replies';

/** `approve()` also checks the authorize URL as Google would for Antigravity's client (client id, redirect URI on /oauth-callback, code response, offline access, every scope) and throws what Google would show instead of redirecting. */
export interface FakeAntigravityServer extends FakeCloudCodeServer {
  /** The daily Cloud Code origin (model calls, onboardUser): `<origin>/daily`. */
  apiBase: string;
  /** The production Cloud Code origin (loadCodeAssist): `<origin>/prod`. */
  loadCodeAssistBase: string;
  /** The endpoints as the engine's `oauthEndpoints.antigravity`. */
  endpoints: { authorizeUrl: string; tokenUrl: string; userInfoUrl: string; apiBase: string; loadCodeAssistBase: string };
  /** The same as `CLIPROXY_ANTIGRAVITY_*` environment variables (the CLI). */
  environment: Record<string, string>;
}

/**
 * What `v1internal:retrieveUserQuotaSummary {project}` answers: model-family groups of 5-hour and weekly buckets with
 * the fraction left (the shape shown in CLIProxyAPI issue #3876, which the official panel's Quota page reads).
 */
export const defaultAntigravityQuotaSummary = {
  groups: [
    {
      displayName: 'Gemini Models',
      description: 'Models within this group: Gemini Flash, Gemini Pro',
      buckets: [
        { bucketId: 'gemini-5h', displayName: 'Five Hour Limit', window: '5h', resetTime: '2030-01-01T05:00:00Z', remainingFraction: 0.8 },
        { bucketId: 'gemini-weekly', displayName: 'Weekly Limit', window: 'weekly', resetTime: '2030-01-06T00:00:00Z', remainingFraction: 0.55 },
      ],
    },
    {
      displayName: 'Claude and GPT Models',
      description: 'Models within this group: Claude Sonnet, Claude Opus, GPT-OSS',
      buckets: [
        { bucketId: '3p-5h', displayName: 'Five Hour Limit', window: '5h', resetTime: '2030-01-01T05:00:00Z', remainingFraction: 0.9 },
        { bucketId: '3p-weekly', displayName: 'Weekly Limit', window: 'weekly', resetTime: '2030-01-06T00:00:00Z', remainingFraction: 0.7 },
      ],
    },
  ],
};

export const fakeAntigravityClientId = '1071006060591-tmhssin2h21lcre235vtolojh4g403ep.apps.googleusercontent.com';
const clientSecret = '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';
const scopes = ['cloud-platform', 'userinfo.email', 'userinfo.profile', 'cclog', 'experimentsandconfigs'].map((scope) => `https://www.googleapis.com/auth/${scope}`);
const onboardProject = 'onboarded-project-1';
const REPLY_IDS = { traceId: 'trace-ag', responseId: 'resp-ag-1' };

/**
 * A strict fake of Google for Antigravity accounts (docs/providers.md#antigravity-login): OAuth (authorization
 * code and refresh grants for Antigravity's client only), userinfo v2, and Cloud Code's loadCodeAssist,
 * onboardUser, retrieveUserQuotaSummary (`defaultAntigravityQuotaSummary` for any project), generateContent and streamGenerateContent under `/prod` and `/daily`. Every Cloud Code call
 * needs a Bearer token it issued (401 UNAUTHENTICATED); model calls need Antigravity's User-Agent at 2.9.0 or
 * later (Cloud Code refuses newer models to older clients) and the whole envelope; replies are wrapped as
 * `{response: ...}`, as JSON or SSE.
 */
export async function startFakeAntigravityServer(): Promise<FakeAntigravityServer> {
  const oauth = createFakeGoogleOAuth({ clientId: fakeAntigravityClientId, clientSecret, invalidClientDescription: 'The OAuth client was not found.', tokenPrefix: 'ag', scope: scopes.join(' ') });
  const requests: FakeGoogleRecorded[] = [];
  const exhausted = new Map<string, string>();
  let existingProject = '';
  let onboardPending = 0;

  function cloudCode(method: string, headers: Record<string, string>, body: Record<string, unknown>, query: URLSearchParams, response: ServerResponse): void {
    const bearer = (headers.authorization ?? '').replace(/^Bearer /, '');
    const email = oauth.emailOf(bearer);
    if (!email) return googleError(response, 401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials.');
    const agent = headers['user-agent'] ?? '';
    if (method === 'retrieveUserQuotaSummary') {
      if (typeof body.project !== 'string' || body.project === '') return googleError(response, 400, 'INVALID_ARGUMENT', 'project is required');
      return json(response, 200, defaultAntigravityQuotaSummary);
    }
    if (method === 'loadCodeAssist') {
      if (objectOf(body.metadata).ideType !== 'ANTIGRAVITY') return googleError(response, 400, 'INVALID_ARGUMENT', 'metadata.ideType is required');
      return json(response, 200, { currentTier: { id: 'free-tier' }, allowedTiers: [{ id: 'free-tier', isDefault: true }, { id: 'standard-tier' }], ...(existingProject ? { cloudaicompanionProject: existingProject } : {}) });
    }
    if (method === 'onboardUser') {
      const metadata = objectOf(body.metadata);
      if (typeof body.tier_id !== 'string' || metadata.ide_type !== 'ANTIGRAVITY' || metadata.ide_name !== 'antigravity') return googleError(response, 400, 'INVALID_ARGUMENT', 'tier_id and metadata are required');
      if (!/^antigravity\/hub\/\S+ \S+ google-api-nodejs-client\//.test(agent) || !headers['x-goog-api-client']) return googleError(response, 400, 'INVALID_ARGUMENT', 'unknown client');
      if (onboardPending > 0) {
        onboardPending -= 1;
        return json(response, 200, { name: 'operations/1', done: false });
      }
      return json(response, 200, { name: 'operations/1', done: true, response: { cloudaicompanionProject: { id: onboardProject, name: onboardProject } } });
    }
    const refusal = envelopeRefusal(body, agent);
    if (refusal) return googleError(response, 400, 'INVALID_ARGUMENT', refusal);
    const delay = exhausted.get(bearer);
    if (delay !== undefined) {
      exhausted.delete(bearer);
      return writeResourceExhausted(response, delay);
    }
    const model = String(body.model);
    if (method === 'generateContent') return json(response, 200, { response: cloudCodeReply(model, `Hello from ${email}`, REPLY_IDS.responseId), traceId: REPLY_IDS.traceId });
    if (query.get('alt') !== 'sse') return googleError(response, 400, 'INVALID_ARGUMENT', 'streamGenerateContent needs alt=sse here');
    writeCloudCodeStream(response, model, email, REPLY_IDS);
  }

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const raw = await readBody(request);
      const headers = flattenHeaders(request.headers);
      const form = url.pathname === '/token' ? Object.fromEntries(new URLSearchParams(raw)) : null;
      const body = form ?? parseBody(raw);
      requests.push({ method: request.method ?? 'GET', path: `${url.pathname}${url.search}`, headers, body });
      if (form && request.method === 'POST') return json(response, ...(await oauth.token(form)));
      if (url.pathname === '/oauth2/v2/userinfo') {
        const email = oauth.emailOf((headers.authorization ?? '').replace(/^Bearer /, ''));
        return email ? json(response, 200, { id: '1', email, verified_email: true }) : googleError(response, 401, 'UNAUTHENTICATED', 'Invalid Credentials');
      }
      const match = /^\/(prod|daily)\/v1internal:(loadCodeAssist|onboardUser|retrieveUserQuotaSummary|generateContent|streamGenerateContent)$/.exec(url.pathname);
      if (request.method === 'POST' && match?.[2]) return cloudCode(match[2], headers, objectOf(body), url.searchParams, response);
      return googleError(response, 404, 'NOT_FOUND', 'not found');
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const endpoints = { authorizeUrl: `${origin}/o/oauth2/v2/auth`, tokenUrl: `${origin}/token`, userInfoUrl: `${origin}/oauth2/v2/userinfo?alt=json`, apiBase: `${origin}/daily`, loadCodeAssistBase: `${origin}/prod` };

  return {
    ...endpoints,
    endpoints,
    environment: {
      CLIPROXY_ANTIGRAVITY_AUTHORIZE_URL: endpoints.authorizeUrl,
      CLIPROXY_ANTIGRAVITY_TOKEN_URL: endpoints.tokenUrl,
      CLIPROXY_ANTIGRAVITY_USERINFO_URL: endpoints.userInfoUrl,
      CLIPROXY_ANTIGRAVITY_API_URL: endpoints.apiBase,
      CLIPROXY_ANTIGRAVITY_LOAD_CODE_ASSIST_URL: endpoints.loadCodeAssistBase,
    },
    requests,
    modelCalls: () => requests.filter((entry) => /\/v1internal:(generateContent|streamGenerateContent)/.test(entry.path)),
    refreshCount: oauth.refreshCount,
    approve(authorizeUrl, email = 'ag@example.com') {
      const query = new URL(authorizeUrl).searchParams;
      const redirectUri = query.get('redirect_uri') ?? '';
      if (query.get('client_id') !== fakeAntigravityClientId) throw new Error('Error 401: invalid_client');
      if (!/^http:\/\/localhost:\d+\/oauth-callback$/.test(redirectUri)) throw new Error('Error 400: redirect_uri_mismatch');
      if (query.get('response_type') !== 'code' || query.get('access_type') !== 'offline' || !query.get('state')) throw new Error('Error 400: invalid_request');
      const granted = new Set((query.get('scope') ?? '').split(' '));
      if (scopes.some((scope) => !granted.has(scope))) throw new Error('Error 400: invalid_scope');
      return oauth.consent(redirectUri, email, query);
    },
    issueTokens: (email = 'ag@example.com') => oauth.issue(email),
    revokeAccessToken: oauth.revokeAccessToken,
    isValidAccessToken: oauth.isValidAccessToken,
    setRefreshDelay: oauth.setRefreshDelay,
    quotaExhaust: (accessToken, retryDelay) => void exhausted.set(accessToken, retryDelay),
    revokeRefreshToken: oauth.revokeRefreshToken,
    setExistingProject: (value) => void (existingProject = value),
    setOnboardPending: (times) => void (onboardPending = times),
    reset() {
      requests.length = 0;
      oauth.reset();
      exhausted.clear();
      existingProject = '';
      onboardPending = 0;
    },
    close: () => closeServer(server),
  };
}

/** What Cloud Code refuses in a model call: an old or foreign client, or an incomplete envelope. */
function envelopeRefusal(body: Record<string, unknown>, agent: string): string {
  const version = /^antigravity\/hub\/(\d+)\.(\d+)\.(\d+) /.exec(agent);
  if (!version || Number(version[1]) * 1000 + Number(version[2]) < 2009) return 'This version of Antigravity is no longer supported. Please update.';
  if (typeof body.model !== 'string' || body.model === '') return 'model is required';
  if (typeof body.project !== 'string' || body.project === '') return 'project is required';
  if (body.userAgent !== 'antigravity' || typeof body.requestType !== 'string' || typeof body.requestId !== 'string' || body.requestId === '') return 'userAgent, requestType and requestId are required';
  const request = objectOf(body.request);
  if (!Array.isArray(request.contents) || request.contents.length === 0) return 'request.contents is required';
  if ('safetySettings' in request) return 'safetySettings are not supported';
  return '';
}

function objectOf(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function googleError(response: ServerResponse, status: number, code: string, message: string): void {
  json(response, status, { error: { code: status, message, status: code } });
}
