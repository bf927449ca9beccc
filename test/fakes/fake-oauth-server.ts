import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { flattenHeaders, parseBody, readBody } from './fake-http-helpers';
import { closeServer } from './fake-upstream-server';

/** One account the fake can log in: what its tokens and profile say. */
export interface FakeOAuthAccount {
  email: string;
  accountUuid?: string;
  organizationUuid?: string;
  organizationName?: string;
  /** Codex id_token claims (`https://api.openai.com/auth`); defaults acct-fake-1 / plus. */
  chatgptAccountId?: string;
  planType?: string;
}

export interface FakeOAuthRecorded {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

export interface FakeOAuthServer {
  /** Origin, e.g. http://127.0.0.1:40123. Endpoints: /oauth/authorize, /v1/oauth/token, /api/oauth/profile. */
  origin: string;
  authorizeUrl: string;
  tokenUrl: string;
  profileUrl: string;
  /** Codex's token endpoint (docs/providers.md#codex-login): form-urlencoded, answers with an `id_token` JWT carrying the account claims. */
  codexTokenUrl: string;
  /** Codex device login (docs/providers.md#codex-login): user code, and approval polling (403 until `approveDevice`). */
  deviceUserCodeUrl: string;
  deviceTokenUrl: string;
  /** The user confirmed this code on the device page: the next poll gets an authorization code and its verifier. */
  approveDevice(userCode: string, account?: FakeOAuthAccount): void;
  requests: FakeOAuthRecorded[];
  /** Count of refresh_token grants answered (any outcome). */
  refreshCount(): number;
  /** What a browser would get after consenting: the redirect URL with a fresh code, bound to the PKCE challenge. */
  approve(authorizeUrl: string, account?: FakeOAuthAccount): string;
  /** Issues a refresh token directly (tests that start from an existing auth file). */
  issueRefreshToken(account?: FakeOAuthAccount): string;
  /**
   * Every later refresh of this token fails: `invalid_grant` (revoked), or, on Codex's endpoint, with OpenAI's
   * 401 `error.code`: `refresh_token_reused` (already rotated away), `refresh_token_expired`, `refresh_token_invalidated`.
   */
  revoke(refreshToken: string, how?: 'revoked' | CodexDeadTokenCode): void;
  isValidAccessToken(token: string): boolean;
  /** Lifetime of issued access tokens (default 3600 s). */
  setExpiresIn(seconds: number): void;
  /** Delay before a refresh answers, so concurrent callers overlap. */
  setRefreshDelay(ms: number): void;
  close(): Promise<void>;
}

/** How OpenAI's token endpoint says a refresh token is dead for good (Codex CLI reads `error.code`). */
export type CodexDeadTokenCode = 'reused' | 'expired' | 'invalidated';

const codexDeadTokenMessages: Record<CodexDeadTokenCode, string> = {
  reused: 'Your refresh token has already been used to generate a new access token. Please try signing in again.',
  expired: 'Your refresh token has expired. Please try signing in again.',
  invalidated: 'Your refresh token has been invalidated. Please try signing in again.',
};

interface PendingCode {
  challenge: string;
  redirectUri: string;
  clientId: string;
  account: FakeOAuthAccount;
}

const defaultAccount: FakeOAuthAccount = { email: 'user@example.com', accountUuid: 'acc-uuid-1', organizationUuid: 'org-uuid-1', organizationName: 'Fake Org' };

/**
 * A fake OAuth provider on 127.0.0.1 in the shape of Claude's (docs/providers.md#claude-login, docs/providers.md#claude-refresh): authorization codes bound to
 * a PKCE S256 challenge and redirect URI, a token endpoint that checks `code_verifier`, rotates refresh
 * tokens and answers `invalid_grant` for unknown, used-up or revoked ones, and a profile endpoint. Codex's
 * token endpoint (docs/providers.md#codex-login, docs/providers.md#codex-refresh) is the same grants, form-urlencoded at /oauth/token, plus an `id_token` JWT.
 */
export async function startFakeOAuthServer(): Promise<FakeOAuthServer> {
  const codes = new Map<string, PendingCode>();
  const refreshTokens = new Map<string, FakeOAuthAccount>();
  /** Refresh tokens already exchanged (rotated away). */
  const spent = new Set<string>();
  /** Refresh tokens OpenAI's endpoint refuses with a dead-token code other than reuse. */
  const deadCodex = new Map<string, CodexDeadTokenCode>();
  const accessTokens = new Map<string, FakeOAuthAccount>();
  const requests: FakeOAuthRecorded[] = [];
  /** Device logins by user code: who approved it (null = pending). */
  const devices = new Map<string, { deviceAuthId: string; clientId: string; approvedBy: FakeOAuthAccount | null }>();
  let refreshes = 0;
  let expiresIn = 3600;
  let refreshDelay = 0;

  /** An unsigned JWT like OpenAI's id_token: email plus the `https://api.openai.com/auth` claim. */
  const idToken = (account: FakeOAuthAccount) => {
    const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const auth = { chatgpt_account_id: account.chatgptAccountId ?? 'acct-fake-1', chatgpt_plan_type: account.planType ?? 'plus', chatgpt_user_id: 'user-fake-1', organizations: [] };
    return `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ email: account.email, 'https://api.openai.com/auth': auth })}.fake-signature`;
  };
  const issue = (account: FakeOAuthAccount) => {
    const accessToken = `sk-ant-oat01-fake-${randomBytes(8).toString('hex')}`;
    const refreshToken = `sk-ant-ort01-fake-${randomBytes(8).toString('hex')}`;
    accessTokens.set(accessToken, account);
    refreshTokens.set(refreshToken, account);
    return {
      access_token: accessToken,
      refresh_token: refreshToken,
      token_type: 'Bearer',
      expires_in: expiresIn,
      organization: { uuid: account.organizationUuid ?? '', name: account.organizationName ?? '' },
      account: { uuid: account.accountUuid ?? '', email_address: account.email },
    };
  };

  async function handleCodexToken(text: string): Promise<[number, unknown]> {
    const body = Object.fromEntries(new URLSearchParams(text));
    const refreshToken = body.refresh_token ?? '';
    const dead = spent.has(refreshToken) ? 'reused' : deadCodex.get(refreshToken);
    if (body.grant_type === 'refresh_token' && dead) {
      refreshes += 1;
      return [401, { error: { message: codexDeadTokenMessages[dead], type: 'invalid_request_error', param: null, code: `refresh_token_${dead}` } }];
    }
    const [status, payload] = await handleToken(body);
    if (status !== 200) return [status, payload];
    const issued = payload as ReturnType<typeof issue>;
    const account = accessTokens.get(issued.access_token) ?? defaultAccount;
    return [200, { access_token: issued.access_token, refresh_token: issued.refresh_token, id_token: idToken(account), token_type: 'Bearer', expires_in: issued.expires_in }];
  }

  async function handleToken(body: Record<string, unknown>): Promise<[number, unknown]> {
    if (body.grant_type === 'authorization_code') {
      const pending = codes.get(String(body.code));
      codes.delete(String(body.code));
      if (!pending) return [400, { error: 'invalid_grant', error_description: 'unknown code' }];
      const verifier = String(body.code_verifier ?? '');
      if (createHash('sha256').update(verifier).digest('base64url') !== pending.challenge) return [400, { error: 'invalid_grant', error_description: 'PKCE verification failed' }];
      if (body.redirect_uri !== pending.redirectUri || body.client_id !== pending.clientId) return [400, { error: 'invalid_grant', error_description: 'redirect_uri or client_id mismatch' }];
      return [200, issue(pending.account)];
    }
    if (body.grant_type === 'refresh_token') {
      refreshes += 1;
      if (refreshDelay > 0) await new Promise((resolve) => setTimeout(resolve, refreshDelay));
      const account = refreshTokens.get(String(body.refresh_token));
      if (!account) return [400, { error: 'invalid_grant', error_description: 'Refresh token not found or invalid' }];
      refreshTokens.delete(String(body.refresh_token));
      spent.add(String(body.refresh_token));
      return [200, issue(account)];
    }
    return [400, { error: 'unsupported_grant_type' }];
  }

  /** docs/providers.md#codex-login: pending answers 403; an approved device gets a code bound to a fresh PKCE pair and the device redirect URI. */
  function handleDevice(path: string, body: Record<string, unknown>): [number, unknown] {
    if (path === '/api/accounts/deviceauth/usercode') {
      const userCode = randomBytes(4).toString('hex').toUpperCase();
      const deviceAuthId = `deviceauth-${randomBytes(8).toString('hex')}`;
      devices.set(userCode, { deviceAuthId, clientId: String(body.client_id ?? ''), approvedBy: null });
      return [200, { device_auth_id: deviceAuthId, user_code: userCode, interval: '5' }];
    }
    const device = devices.get(String(body.user_code ?? ''));
    if (!device || device.deviceAuthId !== body.device_auth_id) return [404, { error: 'device_auth_not_found' }];
    if (!device.approvedBy) return [403, { error: 'deviceauth_authorization_pending' }];
    devices.delete(String(body.user_code));
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const code = `code-${randomBytes(8).toString('hex')}`;
    codes.set(code, { challenge, redirectUri: 'https://auth.openai.com/deviceauth/callback', clientId: device.clientId, account: device.approvedBy });
    return [200, { authorization_code: code, code_verifier: verifier, code_challenge: challenge }];
  }

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const raw = await readBody(request);
      const body = parseBody(raw);
      const recorded = url.pathname === '/oauth/token' ? Object.fromEntries(new URLSearchParams(raw)) : body;
      requests.push({ method: request.method ?? 'GET', path: url.pathname, headers: flattenHeaders(request.headers), body: recorded });
      let status = 404;
      let payload: unknown = { error: 'not_found' };
      if (request.method === 'POST' && url.pathname.startsWith('/api/accounts/deviceauth/')) {
        [status, payload] = handleDevice(url.pathname, typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {});
      } else if (request.method === 'POST' && url.pathname === '/oauth/token') {
        [status, payload] = await handleCodexToken(raw);
      } else if (request.method === 'POST' && url.pathname === '/v1/oauth/token') {
        [status, payload] = await handleToken(typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {});
      } else if (url.pathname === '/api/oauth/profile') {
        const account = accessTokens.get((request.headers.authorization ?? '').replace(/^Bearer /, ''));
        [status, payload] = account
          ? [200, { account: { uuid: account.accountUuid ?? '', email: account.email }, organization: { uuid: account.organizationUuid ?? '', name: account.organizationName ?? '' } }]
          : [401, { error: 'unauthorized' }];
      }
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(payload));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    authorizeUrl: `${origin}/oauth/authorize`,
    tokenUrl: `${origin}/v1/oauth/token`,
    profileUrl: `${origin}/api/oauth/profile`,
    codexTokenUrl: `${origin}/oauth/token`,
    deviceUserCodeUrl: `${origin}/api/accounts/deviceauth/usercode`,
    deviceTokenUrl: `${origin}/api/accounts/deviceauth/token`,
    approveDevice(userCode, account = defaultAccount) {
      const device = devices.get(userCode);
      if (device) device.approvedBy = account;
    },
    requests,
    refreshCount: () => refreshes,
    approve(authorizeUrl, account = defaultAccount) {
      const query = new URL(authorizeUrl).searchParams;
      if (query.get('code_challenge_method') !== 'S256') throw new Error('fake OAuth: S256 PKCE required');
      const code = `code-${randomBytes(8).toString('hex')}`;
      const redirectUri = query.get('redirect_uri') ?? '';
      codes.set(code, { challenge: query.get('code_challenge') ?? '', redirectUri, clientId: query.get('client_id') ?? '', account });
      return `${redirectUri}?code=${encodeURIComponent(code)}&state=${encodeURIComponent(query.get('state') ?? '')}`;
    },
    issueRefreshToken(account = defaultAccount) {
      return issue(account).refresh_token;
    },
    revoke(refreshToken, how = 'revoked') {
      refreshTokens.delete(refreshToken);
      if (how === 'reused') spent.add(refreshToken);
      else if (how !== 'revoked') deadCodex.set(refreshToken, how);
    },
    isValidAccessToken: (token) => accessTokens.has(token),
    setExpiresIn(seconds) {
      expiresIn = seconds;
    },
    setRefreshDelay(ms) {
      refreshDelay = ms;
    },
    close: () => closeServer(server),
  };
}
