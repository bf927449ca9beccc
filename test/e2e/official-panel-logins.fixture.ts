import type { Page } from 'playwright-core';
import { startFakeAntigravityServer } from '../fakes/fake-antigravity-server';
import { startFakeKimiServer } from '../fakes/fake-kimi-server';
import { startFakeOAuthServer, type FakeOAuthServer } from '../fakes/fake-oauth-server';
import { startFakeXaiOAuthServer } from '../fakes/fake-xai-oauth-server';

/**
 * The logins the official panel's "OAuth Login" page starts, one entry each: its button, the management route it
 * calls, and the local fake that stands for the provider. A new login provider is one more entry here (with its
 * fake); `loginThroughPanel` walks every entry alike: start, open the authorization link, the user's part at the
 * fake in that tab, and wait for the panel to say it worked.
 */
export interface PanelLogin {
  /** The card's start button on the OAuth Login page. */
  startButton: string;
  /** The route the panel calls to start it (below /v0/management, without the query). */
  route: string;
  /** Starts the provider's fakes; `accountOrigin` is where the account's own API (usage endpoints) is served. */
  startFake(accountOrigin: string): Promise<PanelLoginFake>;
}

export interface PanelLoginFake {
  /** The engine's `oauthEndpoints` entry for the provider: its login and API pointed at the fakes. */
  provider: string;
  endpoints: object;
  /**
   * The user's part in the tab "Open Link" opened at the provider: for a PKCE login, consent and follow the redirect
   * to the engine's callback; for a device login, approve the code the link carries.
   */
  consent(tab: Page): Promise<void>;
  /**
   * The account hosts the panel's Quota page asks through `POST /api-call` for this provider, each mapped to the fake
   * (origin and path prefix) standing for it (see `sendApiCallsToFake`).
   */
  quotaHosts: Readonly<Record<string, string>>;
  /** Whether the fake issued this access token (the account API fakes accept only those). */
  issued(token: string): boolean;
  close(): Promise<void>;
}

/**
 * Every login on the panel's OAuth Login page. Claude's and Codex's PKCE logins run on `fake-oauth-server.ts` (Codex's
 * token endpoint is its form one), Antigravity's Google login on `fake-antigravity-server.ts`; Kimi's and xAI's device
 * flows on their fakes, whose polls stay pending until the user approves the code in the opened tab.
 */
export const PANEL_LOGINS: readonly PanelLogin[] = [
  {
    startButton: 'Start Codex Login',
    route: '/codex-auth-url',
    startFake: (accountOrigin) =>
      oauthFake((oauth) => ({
        provider: 'codex',
        endpoints: { authorizeUrl: oauth.authorizeUrl, tokenUrl: oauth.codexTokenUrl, apiBase: `${accountOrigin}/backend-api/codex` },
        quotaHosts: { 'chatgpt.com': accountOrigin },
      })),
  },
  {
    startButton: 'Start Anthropic Login',
    route: '/anthropic-auth-url',
    startFake: (accountOrigin) =>
      oauthFake((oauth) => ({
        provider: 'claude',
        endpoints: { authorizeUrl: oauth.authorizeUrl, tokenUrl: oauth.tokenUrl, profileUrl: oauth.profileUrl, apiBase: accountOrigin },
        quotaHosts: { 'api.anthropic.com': accountOrigin },
      })),
  },
  {
    startButton: 'Start Antigravity Login',
    route: '/antigravity-auth-url',
    startFake: async () => {
      const google = await startFakeAntigravityServer();
      const { apiBase: daily, loadCodeAssistBase: production } = google.endpoints;
      return {
        provider: 'antigravity',
        endpoints: google.endpoints,
        consent: (tab) => followRedirect(tab, google.approve(tab.url(), 'panel.user@example.com')),
        quotaHosts: { 'cloudcode-pa.googleapis.com': production, 'daily-cloudcode-pa.googleapis.com': daily, 'daily-cloudcode-pa.sandbox.googleapis.com': daily },
        issued: google.isValidAccessToken,
        close: google.close,
      };
    },
  },
  {
    startButton: 'Log in with Kimi',
    route: '/kimi-auth-url',
    startFake: async () => {
      const kimi = await startFakeKimiServer();
      kimi.setPollScript(['authorization_pending']);
      return {
        provider: 'kimi',
        endpoints: { deviceCodeUrl: kimi.deviceCodeUrl, tokenUrl: kimi.tokenUrl, apiBase: kimi.apiBase, pollIntervalMs: devicePollMs },
        consent: async (tab) => approveDeviceCode(tab, `${kimi.origin}/code/authorize_device`, () => kimi.setPollScript(['approve'])),
        quotaHosts: { 'api.kimi.com': kimi.origin },
        issued: kimi.isValidAccessToken,
        close: kimi.close,
      };
    },
  },
  {
    startButton: 'Start xAI Login',
    route: '/xai-auth-url',
    startFake: async (accountOrigin) => {
      const xai = await startFakeXaiOAuthServer();
      xai.setPollScript(['authorization_pending']);
      return {
        provider: 'xai',
        endpoints: { discoveryUrl: xai.discoveryUrl, apiBase: accountOrigin, chatProxyBase: accountOrigin, pollIntervalMs: devicePollMs },
        consent: async (tab) => approveDeviceCode(tab, `${xai.origin}/device`, () => xai.setPollScript(['approve'])),
        quotaHosts: { 'cli-chat-proxy.grok.com': accountOrigin, 'api.x.ai': accountOrigin },
        issued: xai.isValidAccessToken,
        close: xai.close,
      };
    },
  },
];

/** The engine's poll interval at the device-flow fakes: short, so a login ends soon after the approval. */
const devicePollMs = 100;

/**
 * The user's part of a device login: the panel opened the provider's verification page with the user code in the
 * link (`verification_uri_complete`); the user approves that code there, so the engine's next poll gets the tokens.
 */
function approveDeviceCode(tab: Page, verificationUrl: string, approve: () => void): void {
  const opened = new URL(tab.url());
  if (`${opened.origin}${opened.pathname}` !== verificationUrl || !opened.searchParams.get('user_code')) throw new Error(`the panel opened ${tab.url()}, not ${verificationUrl}?user_code=…`);
  approve();
}

async function oauthFake(configure: (oauth: FakeOAuthServer) => Pick<PanelLoginFake, 'provider' | 'endpoints' | 'quotaHosts'>): Promise<PanelLoginFake> {
  const oauth = await startFakeOAuthServer();
  return { ...configure(oauth), consent: (tab) => followRedirect(tab, oauth.approve(tab.url())), issued: (token) => oauth.isValidAccessToken(token), close: () => oauth.close() };
}

/** The browser goes where the provider redirected it: the engine's callback listener, which forwards it to the engine's own callback page. */
async function followRedirect(tab: Page, redirectUrl: string): Promise<void> {
  await tab.goto(redirectUrl);
  await tab.getByText('Login complete').waitFor();
}

/** Starts every login's fake; `endpoints` is the engine's `oauthEndpoints` option for all of them. */
export async function startPanelLoginFakes(accountOrigin: string): Promise<{ fakes: PanelLoginFake[]; endpoints: Record<string, object>; close(): Promise<void> }> {
  const fakes = await Promise.all(PANEL_LOGINS.map((login) => login.startFake(accountOrigin)));
  return {
    fakes,
    endpoints: Object.fromEntries(fakes.map((fake) => [fake.provider, fake.endpoints])),
    close: async () => {
      await Promise.all(fakes.map((fake) => fake.close()));
    },
  };
}

/**
 * On the OAuth Login page: the start button (the panel asks `route` in web-UI mode and polls get-auth-status),
 * "Open Link" (a new tab at the fake's authorization page), the user's part there (`consent`), then the poll that
 * answers `ok` and the panel's success line.
 */
export async function loginThroughPanel(page: Page, login: PanelLogin, fake: PanelLoginFake): Promise<void> {
  await page.getByRole('button', { name: login.startButton }).click();
  const finished = page.waitForResponse(async (response) => new URL(response.url()).pathname === '/v0/management/get-auth-status' && ((await response.json()) as { status?: string }).status === 'ok');
  const opened = page.context().waitForEvent('page');
  await page.getByRole('button', { name: 'Open Link' }).click();
  const tab = await opened;
  await tab.waitForLoadState('domcontentloaded');
  await fake.consent(tab);
  await tab.close();
  await finished;
  await page.getByText('Authentication successful!').first().waitFor();
}
