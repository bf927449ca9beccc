import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { sendJson } from './fake-upstream-replies';

/** What a test does with either fake Google (Gemini CLI's or Antigravity's): the recorded requests, tokens and faults. */
export interface FakeCloudCodeServer {
  authorizeUrl: string;
  tokenUrl: string;
  userInfoUrl: string;
  requests: FakeGoogleRecorded[];
  /** Requests to the Code Assist model methods. */
  modelCalls(): FakeGoogleRecorded[];
  refreshCount(): number;
  /** Plays the browser's consent: the redirect with a fresh code bound to the authorize URL's redirect_uri and state. */
  approve(authorizeUrl: string, email?: string): string;
  /** Tokens for a test that starts from an existing auth file. */
  issueTokens(email?: string): { accessToken: string; refreshToken: string };
  revokeAccessToken(token: string): void;
  isValidAccessToken(token: string): boolean;
  /** Later refreshes with this token answer `invalid_grant` ("Token has been expired or revoked."). */
  revokeRefreshToken(token: string): void;
  /** Delay before a refresh answers, so concurrent callers overlap. */
  setRefreshDelay(ms: number): void;
  /** The next model call with this access token answers 429 RESOURCE_EXHAUSTED with RetryInfo `retryDelay`. */
  quotaExhaust(accessToken: string, retryDelay: string): void;
  /** What loadCodeAssist names as the account's project (empty: none, so the login onboards). */
  setExistingProject(projectId: string): void;
  /** onboardUser answers `done:false` this many times first. */
  setOnboardPending(times: number): void;
  reset(): void;
  close(): Promise<void>;
}

export interface FakeGoogleRecorded {
  method: string;
  /** Path plus query, e.g. `/v1internal:streamGenerateContent?alt=sse`. */
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

/** One Google OAuth client as a fake Google checks it (Gemini CLI's or Antigravity's). */
export interface FakeGoogleClient {
  /** The client id the token endpoint accepts; undefined: any id. */
  clientId?: string;
  clientSecret: string;
  /** What `invalid_client` says, where the real answer has a description. */
  invalidClientDescription?: string;
  /** Marks this fake's tokens, e.g. `fake` → `ya29.fake-…` and `1//fake-…`. */
  tokenPrefix: string;
  /** The `scope` the token answers carry. */
  scope: string;
  /** More fields of the authorization-code answer, e.g. an `id_token`. */
  codeAnswerExtras?: Record<string, unknown>;
}

/**
 * Google's OAuth token state for the fake Google servers: codes bound to their redirect URI, access and refresh
 * tokens per e-mail, the token endpoint's two grants (a refresh answers without a new refresh token, as Google
 * does), revocations and a delay so concurrent refreshes overlap.
 */
export interface FakeGoogleOAuth {
  /** The token endpoint: `[status, body]` for a form-encoded grant. */
  token(form: Record<string, string>): Promise<[number, unknown]>;
  /** The e-mail a live access token belongs to. */
  emailOf(accessToken: string): string | undefined;
  /** A fresh code for this redirect URI and the redirect a browser would follow after consent. */
  consent(redirectUri: string, email: string, query: URLSearchParams): string;
  issue(email: string): { accessToken: string; refreshToken: string };
  revokeAccessToken(token: string): void;
  isValidAccessToken(token: string): boolean;
  revokeRefreshToken(token: string): void;
  setRefreshDelay(ms: number): void;
  refreshCount(): number;
  /** Forgets the refresh count and delay (tokens stay valid). */
  reset(): void;
}

export function createFakeGoogleOAuth(client: FakeGoogleClient): FakeGoogleOAuth {
  const codes = new Map<string, { redirectUri: string; email: string }>();
  const refreshTokens = new Map<string, string>();
  const accessTokens = new Map<string, string>();
  let refreshes = 0;
  let refreshDelay = 0;
  const newAccessToken = (email: string): string => {
    const accessToken = `ya29.${client.tokenPrefix}-${randomBytes(8).toString('hex')}`;
    accessTokens.set(accessToken, email);
    return accessToken;
  };
  const issue = (email: string) => {
    const refreshToken = `1//${client.tokenPrefix}-${randomBytes(8).toString('hex')}`;
    refreshTokens.set(refreshToken, email);
    return { accessToken: newAccessToken(email), refreshToken };
  };
  const tokenAnswer = (accessToken: string) => ({ access_token: accessToken, expires_in: 3599, token_type: 'Bearer', scope: client.scope });

  return {
    async token(form) {
      const knownClient = client.clientId === undefined ? form.client_id !== undefined : form.client_id === client.clientId;
      if (!knownClient || form.client_secret !== client.clientSecret) {
        return [401, { error: 'invalid_client', ...(client.invalidClientDescription ? { error_description: client.invalidClientDescription } : {}) }];
      }
      if (form.grant_type === 'authorization_code') {
        const pending = codes.get(form.code ?? '');
        codes.delete(form.code ?? '');
        if (!pending || pending.redirectUri !== form.redirect_uri) return [400, { error: 'invalid_grant', error_description: 'Bad Request' }];
        const issued = issue(pending.email);
        return [200, { ...tokenAnswer(issued.accessToken), refresh_token: issued.refreshToken, ...client.codeAnswerExtras }];
      }
      if (form.grant_type === 'refresh_token') {
        refreshes += 1;
        if (refreshDelay > 0) await new Promise((resolve) => setTimeout(resolve, refreshDelay));
        const email = refreshTokens.get(form.refresh_token ?? '');
        if (!email) return [400, { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' }];
        return [200, tokenAnswer(newAccessToken(email))];
      }
      return [400, { error: 'unsupported_grant_type' }];
    },
    emailOf: (accessToken) => accessTokens.get(accessToken),
    consent(redirectUri, email, query) {
      const code = `4/${client.tokenPrefix}-${randomBytes(8).toString('hex')}`;
      codes.set(code, { redirectUri, email });
      return `${redirectUri}?${new URLSearchParams({ state: query.get('state') ?? '', code, scope: query.get('scope') ?? '' }).toString()}`;
    },
    issue,
    revokeAccessToken: (value) => void accessTokens.delete(value),
    isValidAccessToken: (value) => accessTokens.has(value),
    revokeRefreshToken: (value) => void refreshTokens.delete(value),
    setRefreshDelay: (ms) => void (refreshDelay = ms),
    refreshCount: () => refreshes,
    reset() {
      refreshes = 0;
      refreshDelay = 0;
    },
  };
}

/** Cloud Code's answer to a model call, as `generateContent` wraps it in `{response}`. */
export function cloudCodeReply(model: string, text: string, responseId: string) {
  return { candidates: [{ content: { role: 'model', parts: [{ text }] }, finishReason: 'STOP', index: 0 }], usageMetadata: { promptTokenCount: 5, candidatesTokenCount: 3, totalTokenCount: 8 }, modelVersion: model, responseId };
}

/** `streamGenerateContent?alt=sse`: "Hello " then the rest with usage, each event wrapped in `{response, traceId}`. */
export function writeCloudCodeStream(response: ServerResponse, model: string, email: string, ids: { traceId: string; responseId: string }): void {
  response.writeHead(200, { 'content-type': 'text/event-stream' });
  const first = { candidates: [{ content: { role: 'model', parts: [{ text: 'Hello ' }] }, index: 0 }], modelVersion: model };
  response.write(`data: ${JSON.stringify({ response: first, traceId: ids.traceId })}\r\n\r\n`);
  response.write(`data: ${JSON.stringify({ response: cloudCodeReply(model, `from ${email}`, ids.responseId), traceId: ids.traceId })}\r\n\r\n`);
  response.end();
}

/** Google's 429 for a used-up model, with the RetryInfo delay the engine must honour. */
export function writeResourceExhausted(response: ServerResponse, retryDelay: string): void {
  sendJson(response, 429, {
    error: {
      code: 429,
      message: 'You have exhausted your capacity on this model.',
      status: 'RESOURCE_EXHAUSTED',
      details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay }],
    },
  });
}
