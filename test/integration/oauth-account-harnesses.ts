import { formatAuthTime } from '../../src-proxy/auth-store/parse-auth-time';
import type { OAuthEndpointOverrides } from '../../src-proxy/engine/oauth-accounts';
import { codexIdToken } from '../fakes/codex-id-token';
import { startFakeAnthropicUpstream } from '../fakes/fake-anthropic-upstream';
import { startFakeAntigravityServer, type FakeAntigravityServer } from '../fakes/fake-antigravity-server';
import { startFakeGoogleServer, type FakeGoogleServer } from '../fakes/fake-google-server';
import { startFakeIFlowOAuthServer } from '../fakes/fake-iflow-oauth-server';
import { startFakeKimiServer } from '../fakes/fake-kimi-server';
import { startFakeOAuthServer } from '../fakes/fake-oauth-server';
import { startFakeOpenAIUpstream } from '../fakes/fake-openai-upstream';
import { startFakeQwenOAuthServer } from '../fakes/fake-qwen-oauth-server';
import { startFakeResponsesUpstream } from '../fakes/fake-responses-upstream';
import { startFakeXaiOAuthServer } from '../fakes/fake-xai-oauth-server';
import { xaiRefusal } from '../fakes/xai-api-rules';

/**
 * One OAuth provider's fakes (its OAuth server and upstream) behind the same small interface, so one test
 * body runs against every login provider (test/integration/oauth-accounts-per-provider.test.ts).
 */
export interface OAuthAccountHarness {
  provider: string;
  /** A model the provider serves. */
  model: string;
  /** The scheduler's refresh lead for this provider (docs/providers.md#refresh-scheduling). */
  leadMs: number;
  /** The auth-file field the upstream Bearer comes from (iFlow: `api_key`). */
  tokenField: string;
  oauthEndpoints: OAuthEndpointOverrides;
  /** A live account at the fake OAuth server: its upstream token and refresh token. */
  issueAccount(): { upstreamToken: string; refreshToken: string };
  /** An auth file in CPA's format for this provider. */
  authFile(input: { email: string; upstreamToken: string; refreshToken: string; expiresAt: number }): Record<string, unknown>;
  /** Makes the refresh token dead the way the provider says so (`invalid_grant`, Codex `refresh_token_reused`). */
  killRefreshToken(refreshToken: string): void;
  refreshCount(): number;
  setRefreshDelay(ms: number): void;
  /** The next model call with this token answers 401. */
  rejectNextCall(upstreamToken: string): void;
  /** The next model call with this token answers the provider's quota error. */
  exhaustQuota(upstreamToken: string): void;
  /** Bearer tokens of the model calls so far, in order. */
  upstreamTokens(): string[];
  /** Whether the fake OAuth server handed this upstream token out (after a login or refresh). */
  isIssued(upstreamToken: string): boolean;
  reset(): void;
  close(): Promise<void>;
}

export interface OAuthAccountHarnessFactory {
  provider: string;
  start(): Promise<OAuthAccountHarness>;
}

const hour = 3_600_000;
const bearer = (value: string | undefined) => (value ?? '').replace(/^Bearer /, '');
let counter = 0;
const fakeToken = (prefix: string) => `${prefix}-${(counter += 1)}-${Date.now().toString(36)}`;

/** Claude (docs/providers.md#claude-code-login-claude): the fake OAuth server's JSON token endpoint, the fake Anthropic upstream; a 429 closes the 5-hour window. */
interface FakeOAuthParts {
  refreshCount(): number;
  setRefreshDelay(ms: number): void;
  close(): Promise<void>;
}

interface FakeUpstreamParts {
  requests: ReadonlyArray<{ headers: Record<string, string | undefined> }>;
  reset(): void;
  close(): Promise<void>;
}

/** The harness parts every provider with its own OAuth server and its own upstream fake shares. */
/** Gemini CLI's and Antigravity's fakes are both Google's OAuth + Cloud Code, which checks tokens itself: the same harness parts. */
function googleFakeParts(google: FakeGoogleServer | FakeAntigravityServer) {
  return {
    killRefreshToken: (token: string) => google.revokeRefreshToken(token),
    refreshCount: () => google.refreshCount(),
    setRefreshDelay: (ms: number) => google.setRefreshDelay(ms),
    rejectNextCall: (token: string) => google.revokeAccessToken(token),
    exhaustQuota: (token: string) => google.quotaExhaust(token, '37s'),
    upstreamTokens: () => google.modelCalls().map((call) => bearer(call.headers.authorization)),
    isIssued: (token: string) => google.isValidAccessToken(token),
    reset: () => google.reset(),
    close: () => google.close(),
  };
}

function separateServers(oauth: FakeOAuthParts, upstream: FakeUpstreamParts, isIssued: (token: string) => boolean) {
  return {
    refreshCount: () => oauth.refreshCount(),
    setRefreshDelay: (ms: number) => oauth.setRefreshDelay(ms),
    upstreamTokens: () => upstream.requests.map((request) => bearer(request.headers.authorization)),
    isIssued,
    reset: () => {
      upstream.reset();
      oauth.setRefreshDelay(0);
    },
    close: async () => {
      await upstream.close();
      await oauth.close();
    },
  };
}

const claude: OAuthAccountHarnessFactory = {
  provider: 'claude',
  async start() {
    const oauth = await startFakeOAuthServer();
    const upstream = await startFakeAnthropicUpstream({ name: 'claude' });
    // Past the 4 h lead, so the scheduler leaves refreshed tokens alone during a test.
    oauth.setExpiresIn(24 * 3600);
    return {
      provider: 'claude',
      model: 'claude-sonnet-4-6',
      leadMs: 4 * hour,
      tokenField: 'access_token',
      oauthEndpoints: { claude: { tokenUrl: oauth.tokenUrl, profileUrl: oauth.profileUrl, authorizeUrl: oauth.authorizeUrl, apiBase: upstream.baseUrl } },
      issueAccount: () => ({ upstreamToken: fakeToken('sk-ant-oat01-seed'), refreshToken: oauth.issueRefreshToken() }),
      authFile: ({ email, upstreamToken, refreshToken, expiresAt }) => ({
        type: 'claude', access_token: upstreamToken, refresh_token: refreshToken, expired: formatAuthTime(expiresAt), last_refresh: formatAuthTime(Date.now()),
        email, account_uuid: 'acc-1', claude_device_ids: ['d'.repeat(64)], id_token: '', disabled: false,
      }),
      killRefreshToken: (token) => oauth.revoke(token),
      rejectNextCall: () => upstream.enqueue({ kind: 'status', status: 401, body: { type: 'error', error: { type: 'authentication_error', message: 'OAuth token has expired.' } } }),
      exhaustQuota: () => {
        const reset = String(Math.floor(Date.now() / 1000) + 2 * 3600);
        upstream.enqueue({ kind: 'status', status: 429, headers: { 'anthropic-ratelimit-unified-status': 'rejected', 'anthropic-ratelimit-unified-5h-status': 'rejected', 'anthropic-ratelimit-unified-5h-reset': reset, 'anthropic-ratelimit-unified-reset': reset } });
      },
      ...separateServers(oauth, upstream, (token) => oauth.isValidAccessToken(token)),
    };
  },
};

/** Codex (docs/providers.md#codex-login-codex): the form token endpoint with id_tokens, the ChatGPT backend; quota = usage_limit_reached until resets_at. */
const codex: OAuthAccountHarnessFactory = {
  provider: 'codex',
  async start() {
    const oauth = await startFakeOAuthServer();
    const upstream = await startFakeResponsesUpstream({ name: 'codex' });
    oauth.setExpiresIn(30 * 24 * 3600);
    return {
      provider: 'codex',
      model: 'gpt-5.5',
      leadMs: 5 * 24 * hour,
      tokenField: 'access_token',
      oauthEndpoints: { codex: { tokenUrl: oauth.codexTokenUrl, authorizeUrl: oauth.authorizeUrl, apiBase: upstream.codexBaseUrl } },
      issueAccount: () => ({ upstreamToken: fakeToken('codex-access-seed'), refreshToken: oauth.issueRefreshToken({ email: 'a@example.com', chatgptAccountId: 'acct-a', planType: 'plus' }) }),
      authFile: ({ email, upstreamToken, refreshToken, expiresAt }) => ({
        type: 'codex', id_token: codexIdToken(email, `acct-${email}`), access_token: upstreamToken, refresh_token: refreshToken, account_id: `acct-${email}`,
        email, expired: formatAuthTime(expiresAt), last_refresh: formatAuthTime(Date.now()), disabled: false,
      }),
      // Codex's own dead-token answer: the refresh token was already rotated away.
      killRefreshToken: (token) => oauth.revoke(token, 'reused'),
      rejectNextCall: () => upstream.enqueue({ kind: 'status', status: 401, body: { error: { message: 'Your authentication token has expired. Please try signing in again.', type: 'invalid_request_error', code: 'token_expired', param: null } } }),
      exhaustQuota: () => {
        const resetsAt = Math.floor(Date.now() / 1000) + 3600;
        upstream.enqueue({ kind: 'status', status: 429, body: { error: { type: 'usage_limit_reached', message: 'The usage limit has been reached', plan_type: 'plus', resets_at: resetsAt, resets_in_seconds: 3600 } } });
      },
      ...separateServers(oauth, upstream, (token) => oauth.isValidAccessToken(token)),
    };
  },
};

/** Gemini CLI (docs/providers.md#gemini-cli-login-gemini-cli): Google's token endpoint (no rotation) and Code Assist, which checks tokens itself; quota = RetryInfo. */
const geminiCli: OAuthAccountHarnessFactory = {
  provider: 'gemini-cli',
  async start() {
    const google = await startFakeGoogleServer();
    return {
      provider: 'gemini-cli',
      model: 'gemini-2.5-pro',
      leadMs: 10_000,
      tokenField: 'access_token',
      oauthEndpoints: { gemini: { authorizeUrl: google.authorizeUrl, tokenUrl: google.tokenUrl, userInfoUrl: google.userInfoUrl, codeAssistBase: google.codeAssistBase } },
      issueAccount: () => {
        const tokens = google.issueTokens('a@example.com');
        return { upstreamToken: tokens.accessToken, refreshToken: tokens.refreshToken };
      },
      authFile: ({ email, upstreamToken, refreshToken, expiresAt }) => {
        const expiry = formatAuthTime(expiresAt);
        return {
          type: 'gemini', email, project_id: `project-${email}`, auto: false, checked: true, access_token: upstreamToken, refresh_token: refreshToken, token_type: 'Bearer', expiry,
          token: { access_token: upstreamToken, refresh_token: refreshToken, token_type: 'Bearer', expiry, token_uri: 'https://oauth2.googleapis.com/token' },
        };
      },
      ...googleFakeParts(google),
    };
  },
};

/** Qwen (docs/providers.md#qwen-code-login-qwen): form refresh; the upstream is the file's resource_url; quota = insufficient_quota with Retry-After. */
const qwen: OAuthAccountHarnessFactory = {
  provider: 'qwen',
  async start() {
    const oauth = await startFakeQwenOAuthServer();
    const upstream = await startFakeOpenAIUpstream({ name: 'qwen' });
    const resourceUrl = upstream.baseUrl.replace(/\/v1$/, '');
    oauth.setResourceUrl(resourceUrl);
    return {
      provider: 'qwen',
      model: 'coder-model',
      leadMs: 20 * 60_000,
      tokenField: 'access_token',
      oauthEndpoints: { qwen: { deviceCodeUrl: oauth.deviceCodeUrl, tokenUrl: oauth.tokenUrl } },
      issueAccount: () => ({ upstreamToken: fakeToken('qwen-access-seed'), refreshToken: oauth.issueRefreshToken() }),
      authFile: ({ email, upstreamToken, refreshToken, expiresAt }) => ({
        type: 'qwen', access_token: upstreamToken, refresh_token: refreshToken, last_refresh: formatAuthTime(Date.now()), resource_url: resourceUrl, email, expired: formatAuthTime(expiresAt),
      }),
      killRefreshToken: (token) => oauth.revoke(token),
      rejectNextCall: () => upstream.enqueue({ kind: 'status', status: 401, body: { error: { message: 'Invalid access token or token expired', type: 'invalid_request_error', code: 'invalid_api_key' } } }),
      // docs/providers.md#qwen-errors-and-quota: insufficient_quota / "free allocated quota exceeded" is quota; the wait is the Retry-After header.
      exhaustQuota: () => upstream.enqueue({ kind: 'status', status: 429, headers: { 'retry-after': '3600' }, body: { error: { message: 'Free allocated quota exceeded.', type: 'insufficient_quota', code: 'insufficient_quota' } } }),
      ...separateServers(oauth, upstream, (token) => oauth.isValidAccessToken(token)),
    };
  },
};

/** iFlow (docs/providers.md#iflow-login-iflow): refresh re-fetches the API key, which is the upstream Bearer; errors are plain statuses (429 + Retry-After). */
const iflow: OAuthAccountHarnessFactory = {
  provider: 'iflow',
  async start() {
    const oauth = await startFakeIFlowOAuthServer();
    const upstream = await startFakeOpenAIUpstream({ name: 'iflow' });
    return {
      provider: 'iflow',
      model: 'glm-4.6',
      leadMs: 24 * hour,
      tokenField: 'api_key',
      oauthEndpoints: { iflow: { authorizeUrl: oauth.authorizeUrl, tokenUrl: oauth.tokenUrl, userInfoUrl: oauth.userInfoUrl, apiBase: upstream.baseUrl } },
      issueAccount: () => {
        const issued = oauth.issue();
        return { upstreamToken: issued.apiKey, refreshToken: issued.refreshToken };
      },
      authFile: ({ email, upstreamToken, refreshToken, expiresAt }) => ({
        type: 'iflow', access_token: fakeToken('iflow-access-seed'), refresh_token: refreshToken, api_key: upstreamToken, email, expired: formatAuthTime(expiresAt),
        last_refresh: formatAuthTime(Date.now()), token_type: 'bearer', scope: 'read', cookie: '',
      }),
      killRefreshToken: (token) => oauth.revoke(token),
      rejectNextCall: () => upstream.enqueue({ kind: 'status', status: 401 }),
      exhaustQuota: () => upstream.enqueue({ kind: 'status', status: 429, headers: { 'retry-after': '3600' } }),
      ...separateServers(oauth, upstream, (token) => oauth.isIssuedApiKey(token)),
    };
  },
};

/** Antigravity (docs/providers.md#antigravity-login-antigravity): Google's refresh grant with Antigravity's client; Cloud Code checks tokens itself; quota = 429 with RetryInfo. */
const antigravity: OAuthAccountHarnessFactory = {
  provider: 'antigravity',
  async start() {
    const google = await startFakeAntigravityServer();
    return {
      provider: 'antigravity',
      model: 'gemini-3-flash',
      leadMs: 5 * 60_000,
      tokenField: 'access_token',
      oauthEndpoints: { antigravity: google.endpoints },
      issueAccount: () => {
        const tokens = google.issueTokens('a@example.com');
        return { upstreamToken: tokens.accessToken, refreshToken: tokens.refreshToken };
      },
      authFile: ({ email, upstreamToken, refreshToken, expiresAt }) => ({
        type: 'antigravity', email, project_id: `project-${email}`, access_token: upstreamToken, refresh_token: refreshToken, expires_in: 3599, timestamp: expiresAt - 3_599_000, expired: formatAuthTime(expiresAt),
      }),
      ...googleFakeParts(google),
    };
  },
};

/** Kimi (docs/providers.md#kimi-login-kimi): one fake for OAuth and API, tokens bound to the file's device id; quota = 429 with Retry-After. */
const kimi: OAuthAccountHarnessFactory = {
  provider: 'kimi',
  async start() {
    const fake = await startFakeKimiServer();
    const deviceId = 'harness-device';
    const apiCalls = () => fake.requests.filter((request) => request.path === '/coding/v1/chat/completions');
    return {
      provider: 'kimi',
      model: 'kimi-k2.6',
      leadMs: 5 * 60_000,
      tokenField: 'access_token',
      oauthEndpoints: { kimi: { deviceCodeUrl: fake.deviceCodeUrl, tokenUrl: fake.tokenUrl, apiBase: fake.apiBase } },
      issueAccount: () => {
        const issued = fake.issueTokens(deviceId);
        return { upstreamToken: issued.accessToken, refreshToken: issued.refreshToken };
      },
      authFile: ({ upstreamToken, refreshToken, expiresAt }) => ({
        type: 'kimi', access_token: upstreamToken, refresh_token: refreshToken, token_type: 'Bearer', scope: 'kimi-code', device_id: deviceId, expired: formatAuthTime(expiresAt), timestamp: Date.now(),
      }),
      killRefreshToken: (token) => fake.revokeRefreshToken(token),
      rejectNextCall: (token) => fake.rejectNextCall(token),
      exhaustQuota: (token) => fake.exhaustQuota(token),
      refreshCount: () => fake.refreshCount(),
      setRefreshDelay: (ms) => fake.setRefreshDelay(ms),
      upstreamTokens: () => apiCalls().map((request) => bearer(request.headers.authorization)),
      isIssued: (token) => fake.isValidAccessToken(token),
      reset: () => fake.reset(),
      close: () => fake.close(),
      };
    },
  };

/** xAI (docs/providers.md#xai-grok-login-xai): form refresh at the file's token_endpoint; the strict chat proxy refuses tokens the fake OAuth server did not issue or killed; 429 + Retry-After. */
const xai: OAuthAccountHarnessFactory = {
  provider: 'xai',
  async start() {
    const oauth = await startFakeXaiOAuthServer();
    const upstream = await startFakeResponsesUpstream({ name: 'xai', refuse: xaiRefusal({ isValidToken: (token) => oauth.isValidAccessToken(token), chatProxy: true }) });
    return {
      provider: 'xai',
      model: 'grok-4.5',
      leadMs: 5 * 60_000,
      tokenField: 'access_token',
      // The official API base is the fake too: a login's file names it, so its chat goes to the (fake) chat proxy.
      oauthEndpoints: { xai: { discoveryUrl: oauth.discoveryUrl, apiBase: upstream.baseUrl, chatProxyBase: upstream.baseUrl } },
      issueAccount: () => {
        const tokens = oauth.issueTokens();
        return { upstreamToken: tokens.access_token, refreshToken: tokens.refresh_token };
      },
      authFile: ({ email, upstreamToken, refreshToken, expiresAt }) => ({
        type: 'xai', auth_kind: 'oauth', access_token: upstreamToken, refresh_token: refreshToken, id_token: '', token_type: 'Bearer', expires_in: 3600,
        expired: formatAuthTime(expiresAt), last_refresh: formatAuthTime(Date.now()), base_url: upstream.baseUrl, token_endpoint: oauth.tokenUrl, email,
      }),
      killRefreshToken: (token) => oauth.revoke(token),
      rejectNextCall: (token) => oauth.expireAccessToken(token),
      exhaustQuota: () => upstream.enqueue({ kind: 'status', status: 429, headers: { 'retry-after': '3600' }, body: { code: 'resource-exhausted', error: 'Rate limit reached.' } }),
      ...separateServers(oauth, upstream, (token) => oauth.isValidAccessToken(token)),
    };
  },
};

export const oauthAccountHarnesses: readonly OAuthAccountHarnessFactory[] = [claude, codex, geminiCli, qwen, iflow, kimi, xai, antigravity];
