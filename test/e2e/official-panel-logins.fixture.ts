import type { Page } from 'playwright-core';
import { startFakeOAuthServer, type FakeOAuthServer } from '../fakes/fake-oauth-server';

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
   * to the engine's callback; a device login would approve the code shown in the URL instead.
   */
  consent(tab: Page): Promise<void>;
  /** Whether the fake issued this access token (the account API fakes accept only those). */
  issued(token: string): boolean;
  close(): Promise<void>;
}

/** Claude's and Codex's PKCE logins; both run on `fake-oauth-server.ts` (Codex's token endpoint is its form one). */
export const PANEL_LOGINS: readonly PanelLogin[] = [
  {
    startButton: 'Start Codex Login',
    route: '/codex-auth-url',
    startFake: (accountOrigin) =>
      oauthFake((oauth) => ({ provider: 'codex', endpoints: { authorizeUrl: oauth.authorizeUrl, tokenUrl: oauth.codexTokenUrl, apiBase: `${accountOrigin}/backend-api/codex` } })),
  },
  {
    startButton: 'Start Anthropic Login',
    route: '/anthropic-auth-url',
    startFake: (accountOrigin) =>
      oauthFake((oauth) => ({ provider: 'claude', endpoints: { authorizeUrl: oauth.authorizeUrl, tokenUrl: oauth.tokenUrl, profileUrl: oauth.profileUrl, apiBase: accountOrigin } })),
  },
];

async function oauthFake(configure: (oauth: FakeOAuthServer) => Pick<PanelLoginFake, 'provider' | 'endpoints'>): Promise<PanelLoginFake> {
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
