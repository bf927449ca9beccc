import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { flattenHeaders, parseBody, readBody } from './fake-http-helpers';

export interface FakeGoogleRecorded {
  method: string;
  /** Path plus query, e.g. `/v1internal:streamGenerateContent?alt=sse`. */
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

export interface FakeGoogleServer {
  origin: string;
  authorizeUrl: string;
  /** Google's token endpoint shape: form grants with client_id + client_secret, no PKCE, refresh answers without a refresh_token. */
  tokenUrl: string;
  userInfoUrl: string;
  /** Cloud Code Assist origin (`/v1internal:<method>`). */
  codeAssistBase: string;
  requests: FakeGoogleRecorded[];
  /** Requests to the Code Assist model methods (generateContent, streamGenerateContent, countTokens). */
  modelCalls(): FakeGoogleRecorded[];
  refreshCount(): number;
  /** The redirect a browser would follow after consent: a fresh code for this authorize URL's redirect_uri and state. */
  approve(authorizeUrl: string, email?: string): string;
  /** Tokens for a test that starts from an existing auth file. */
  issueTokens(email?: string): { accessToken: string; refreshToken: string };
  revokeAccessToken(token: string): void;
  isValidAccessToken(token: string): boolean;
  /** Later refreshes with this token answer `invalid_grant` ("Token has been expired or revoked."). */
  revokeRefreshToken(token: string): void;
  /** Delay before a refresh answers, so concurrent callers overlap. */
  setRefreshDelay(ms: number): void;
  /** What loadCodeAssist names as the account's project (empty: none, so login auto-onboards). */
  setExistingProject(projectId: string): void;
  /** onboardUser answers `done:false` this many times first. */
  setOnboardPending(times: number): void;
  /** Project auto-onboarding creates. */
  setAutoProject(projectId: string): void;
  /** Cloud Resource Manager `GET /v1/projects` answers these, two per page (default none). */
  setProjects(projectIds: string[]): void;
  /** Cloud Resource Manager project list URL. */
  projectsUrl: string;
  /** The next model call for this access token answers 429 RESOURCE_EXHAUSTED with RetryInfo `retryDelay`. */
  quotaExhaust(accessToken: string, retryDelay: string): void;
  reset(): void;
  close(): Promise<void>;
}

export const fakeGeminiClientSecret = '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';

/**
 * A fake Google for the Gemini CLI slice (docs/providers.md#gemini-cli-login-gemini-cli): the OAuth token and userinfo endpoints and Cloud Code
 * Assist's v1internal methods. Model calls check the Bearer token (401 otherwise), record the
 * `{model, project, request}` envelope and answer in the `{response: ...}` envelope, as JSON or SSE.
 */
export async function startFakeGoogleServer(): Promise<FakeGoogleServer> {
  const codes = new Map<string, { redirectUri: string; email: string }>();
  const refreshTokens = new Map<string, string>();
  const accessTokens = new Map<string, string>();
  const exhausted = new Map<string, string>();
  const requests: FakeGoogleRecorded[] = [];
  let refreshes = 0;
  let refreshDelay = 0;
  let existingProject = '';
  let autoProject = 'auto-project-1';
  let onboardPending = 0;
  let projects: string[] = [];

  const issue = (email: string) => {
    const accessToken = `ya29.fake-${randomBytes(8).toString('hex')}`;
    const refreshToken = `1//fake-${randomBytes(8).toString('hex')}`;
    accessTokens.set(accessToken, email);
    refreshTokens.set(refreshToken, email);
    return { accessToken, refreshToken };
  };

  async function token(form: Record<string, string>): Promise<[number, unknown]> {
    if (form.client_id === undefined || form.client_secret !== fakeGeminiClientSecret) return [401, { error: 'invalid_client' }];
    if (form.grant_type === 'authorization_code') {
      const pending = codes.get(form.code ?? '');
      codes.delete(form.code ?? '');
      if (!pending || pending.redirectUri !== form.redirect_uri) return [400, { error: 'invalid_grant', error_description: 'Bad Request' }];
      const issued = issue(pending.email);
      return [200, { access_token: issued.accessToken, refresh_token: issued.refreshToken, expires_in: 3599, token_type: 'Bearer', scope: 'https://www.googleapis.com/auth/cloud-platform', id_token: 'fake.id.token' }];
    }
    if (form.grant_type === 'refresh_token') {
      refreshes += 1;
      if (refreshDelay > 0) await new Promise((resolve) => setTimeout(resolve, refreshDelay));
      const email = refreshTokens.get(form.refresh_token ?? '');
      if (!email) return [400, { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' }];
      const accessToken = `ya29.fake-${randomBytes(8).toString('hex')}`;
      accessTokens.set(accessToken, email);
      // Google keeps the refresh token: the answer has none.
      return [200, { access_token: accessToken, expires_in: 3599, token_type: 'Bearer', scope: 'https://www.googleapis.com/auth/cloud-platform' }];
    }
    return [400, { error: 'unsupported_grant_type' }];
  }

  function generateResponse(model: string, text: string) {
    return { candidates: [{ content: { role: 'model', parts: [{ text }] }, finishReason: 'STOP', index: 0 }], usageMetadata: { promptTokenCount: 5, candidatesTokenCount: 3, totalTokenCount: 8 }, modelVersion: model, responseId: 'resp-fake-1' };
  }

  async function model(method: string, auth: string, body: Record<string, unknown>, response: ServerResponse): Promise<void> {
    const email = accessTokens.get(auth);
    if (!email) return json(response, 401, { error: { code: 401, message: 'Request had invalid authentication credentials.', status: 'UNAUTHENTICATED' } });
    const delay = exhausted.get(auth);
    if (delay !== undefined) {
      exhausted.delete(auth);
      return json(response, 429, {
        error: {
          code: 429,
          message: 'You have exhausted your capacity on this model.',
          status: 'RESOURCE_EXHAUSTED',
          details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: delay }],
        },
      });
    }
    if (method === 'countTokens') return json(response, 200, { totalTokens: 42 });
    const modelName = typeof body.model === 'string' ? body.model : 'unknown';
    if (method === 'generateContent') return json(response, 200, { response: generateResponse(modelName, `Hello from ${email}`), traceId: 'trace-1' });
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    const first = { candidates: [{ content: { role: 'model', parts: [{ text: 'Hello ' }] }, index: 0 }], modelVersion: modelName };
    response.write(`data: ${JSON.stringify({ response: first, traceId: 'trace-1' })}\r\n\r\n`);
    response.write(`data: ${JSON.stringify({ response: generateResponse(modelName, `from ${email}`), traceId: 'trace-1' })}\r\n\r\n`);
    response.end();
  }

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const raw = await readBody(request);
      const form = url.pathname === '/token' ? Object.fromEntries(new URLSearchParams(raw)) : null;
      const body = form ?? parseBody(raw);
      requests.push({ method: request.method ?? 'GET', path: `${url.pathname}${url.search}`, headers: flattenHeaders(request.headers), body });
      const auth = (request.headers.authorization ?? '').replace(/^Bearer /, '');
      const object = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
      if (request.method === 'POST' && form) return json(response, ...(await token(form)));
      if (url.pathname === '/oauth2/v1/userinfo') {
        const email = accessTokens.get(auth);
        return email ? json(response, 200, { id: '1', email, verified_email: true }) : json(response, 401, { error: { code: 401 } });
      }
      if (url.pathname === '/v1/projects') {
        if (!accessTokens.has(auth)) return json(response, 401, { error: { code: 401, status: 'UNAUTHENTICATED' } });
        // Paged like the real API: nextPageToken until the last page.
        const start = Number(url.searchParams.get('pageToken') ?? '0');
        const page = projects.slice(start, start + 2).map((projectId) => ({ projectId, name: projectId, lifecycleState: 'ACTIVE' }));
        return json(response, 200, { projects: page, ...(start + 2 < projects.length ? { nextPageToken: String(start + 2) } : {}) });
      }
      const method = url.pathname.startsWith('/v1internal:') ? url.pathname.slice('/v1internal:'.length) : '';
      if (method === 'loadCodeAssist') {
        if (!accessTokens.has(auth)) return json(response, 401, { error: { code: 401 } });
        return json(response, 200, { currentTier: null, allowedTiers: [{ id: 'legacy-tier' }, { id: 'free-tier', isDefault: true }], ...(existingProject ? { cloudaicompanionProject: existingProject } : {}) });
      }
      if (method === 'onboardUser') {
        if (!accessTokens.has(auth)) return json(response, 401, { error: { code: 401 } });
        if (onboardPending > 0) {
          onboardPending -= 1;
          return json(response, 200, { name: 'operations/1', done: false });
        }
        const requested = typeof object.cloudaicompanionProject === 'string' ? object.cloudaicompanionProject : '';
        return json(response, 200, { name: 'operations/1', done: true, response: { cloudaicompanionProject: { id: requested || autoProject, name: requested || autoProject } } });
      }
      if (method === 'generateContent' || method === 'streamGenerateContent' || method === 'countTokens') return model(method, auth, object, response);
      return json(response, 404, { error: { code: 404, message: 'not found' } });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    authorizeUrl: `${origin}/o/oauth2/auth`,
    tokenUrl: `${origin}/token`,
    userInfoUrl: `${origin}/oauth2/v1/userinfo?alt=json`,
    codeAssistBase: origin,
    requests,
    modelCalls: () => requests.filter((entry) => /^\/v1internal:(generateContent|streamGenerateContent|countTokens)/.test(entry.path)),
    refreshCount: () => refreshes,
    approve(authorizeUrl, email = 'gem@example.com') {
      const query = new URL(authorizeUrl).searchParams;
      const code = `4/fake-${randomBytes(8).toString('hex')}`;
      const redirectUri = query.get('redirect_uri') ?? '';
      codes.set(code, { redirectUri, email });
      return `${redirectUri}?${new URLSearchParams({ state: query.get('state') ?? '', code, scope: query.get('scope') ?? '' }).toString()}`;
    },
    issueTokens: (email = 'gem@example.com') => issue(email),
    revokeAccessToken: (value) => void accessTokens.delete(value),
    isValidAccessToken: (value) => accessTokens.has(value),
    revokeRefreshToken: (value) => void refreshTokens.delete(value),
    setRefreshDelay: (ms) => void (refreshDelay = ms),
    setExistingProject: (value) => void (existingProject = value),
    setOnboardPending: (times) => void (onboardPending = times),
    setAutoProject: (value) => void (autoProject = value),
    setProjects: (value) => void (projects = [...value]),
    projectsUrl: `${origin}/v1/projects`,
    quotaExhaust: (accessToken, retryDelay) => void exhausted.set(accessToken, retryDelay),
    reset() {
      requests.length = 0;
      refreshDelay = 0;
      exhausted.clear();
      existingProject = '';
      onboardPending = 0;
      projects = [];
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function json(response: ServerResponse, status: number, payload: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(payload));
}
