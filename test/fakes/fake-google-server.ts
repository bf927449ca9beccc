import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cloudCodeReply, createFakeGoogleOAuth, type FakeCloudCodeServer, type FakeGoogleRecorded, writeCloudCodeStream, writeResourceExhausted } from './fake-google-oauth';
import { flattenHeaders, parseBody, readBody } from './fake-http-helpers';
import { closeServer } from './fake-upstream-server';
import { sendJson as json } from './fake-upstream-replies';

export interface FakeGoogleServer extends FakeCloudCodeServer {
  origin: string;
  /** Cloud Code Assist origin (`/v1internal:<method>`). */
  codeAssistBase: string;
  /** Project auto-onboarding creates. */
  setAutoProject(projectId: string): void;
  /** Cloud Resource Manager `GET /v1/projects` answers these, two per page (default none). */
  setProjects(projectIds: string[]): void;
  /** Cloud Resource Manager project list URL. */
  projectsUrl: string;
}

const REPLY_IDS = { traceId: 'trace-1', responseId: 'resp-fake-1' };

export const fakeGeminiClientSecret = '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';

/**
 * A fake Google for the Gemini CLI slice (docs/providers.md#gemini-cli-login-gemini-cli): the OAuth token and userinfo endpoints and Cloud Code
 * Assist's v1internal methods. Model calls check the Bearer token (401 otherwise), record the
 * `{model, project, request}` envelope and answer in the `{response: ...}` envelope, as JSON or SSE.
 */
export async function startFakeGoogleServer(): Promise<FakeGoogleServer> {
  const oauth = createFakeGoogleOAuth({ clientSecret: fakeGeminiClientSecret, tokenPrefix: 'fake', scope: 'https://www.googleapis.com/auth/cloud-platform', codeAnswerExtras: { id_token: 'fake.id.token' } });
  const exhausted = new Map<string, string>();
  const requests: FakeGoogleRecorded[] = [];
  let existingProject = '';
  let autoProject = 'auto-project-1';
  let onboardPending = 0;
  let projects: string[] = [];

  async function model(method: string, auth: string, body: Record<string, unknown>, response: ServerResponse): Promise<void> {
    const email = oauth.emailOf(auth);
    if (!email) return json(response, 401, { error: { code: 401, message: 'Request had invalid authentication credentials.', status: 'UNAUTHENTICATED' } });
    const delay = exhausted.get(auth);
    if (delay !== undefined) {
      exhausted.delete(auth);
      return writeResourceExhausted(response, delay);
    }
    if (method === 'countTokens') return json(response, 200, { totalTokens: 42 });
    const modelName = typeof body.model === 'string' ? body.model : 'unknown';
    if (method === 'generateContent') return json(response, 200, { response: cloudCodeReply(modelName, `Hello from ${email}`, REPLY_IDS.responseId), traceId: REPLY_IDS.traceId });
    writeCloudCodeStream(response, modelName, email, REPLY_IDS);
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
      if (request.method === 'POST' && form) return json(response, ...(await oauth.token(form)));
      if (url.pathname === '/oauth2/v1/userinfo') {
        const email = oauth.emailOf(auth);
        return email ? json(response, 200, { id: '1', email, verified_email: true }) : json(response, 401, { error: { code: 401 } });
      }
      if (url.pathname === '/v1/projects') {
        if (!oauth.isValidAccessToken(auth)) return json(response, 401, { error: { code: 401, status: 'UNAUTHENTICATED' } });
        // Paged like the real API: nextPageToken until the last page.
        const start = Number(url.searchParams.get('pageToken') ?? '0');
        const page = projects.slice(start, start + 2).map((projectId) => ({ projectId, name: projectId, lifecycleState: 'ACTIVE' }));
        return json(response, 200, { projects: page, ...(start + 2 < projects.length ? { nextPageToken: String(start + 2) } : {}) });
      }
      const method = url.pathname.startsWith('/v1internal:') ? url.pathname.slice('/v1internal:'.length) : '';
      if (method === 'loadCodeAssist') {
        if (!oauth.isValidAccessToken(auth)) return json(response, 401, { error: { code: 401 } });
        return json(response, 200, { currentTier: null, allowedTiers: [{ id: 'legacy-tier' }, { id: 'free-tier', isDefault: true }], ...(existingProject ? { cloudaicompanionProject: existingProject } : {}) });
      }
      if (method === 'onboardUser') {
        if (!oauth.isValidAccessToken(auth)) return json(response, 401, { error: { code: 401 } });
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
    refreshCount: oauth.refreshCount,
    approve(authorizeUrl, email = 'gem@example.com') {
      const query = new URL(authorizeUrl).searchParams;
      return oauth.consent(query.get('redirect_uri') ?? '', email, query);
    },
    issueTokens: (email = 'gem@example.com') => oauth.issue(email),
    revokeAccessToken: oauth.revokeAccessToken,
    isValidAccessToken: oauth.isValidAccessToken,
    revokeRefreshToken: oauth.revokeRefreshToken,
    setRefreshDelay: oauth.setRefreshDelay,
    setExistingProject: (value) => void (existingProject = value),
    setOnboardPending: (times) => void (onboardPending = times),
    setAutoProject: (value) => void (autoProject = value),
    setProjects: (value) => void (projects = [...value]),
    projectsUrl: `${origin}/v1/projects`,
    quotaExhaust: (accessToken, retryDelay) => void exhausted.set(accessToken, retryDelay),
    reset() {
      requests.length = 0;
      oauth.reset();
      exhausted.clear();
      existingProject = '';
      onboardPending = 0;
      projects = [];
    },
    close: () => closeServer(server),
  };
}
