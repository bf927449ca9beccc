import OpenAI from 'openai';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeAnthropicUpstream } from '../fakes/fake-anthropic-upstream';
import type { FakeAnthropicUpstream } from '../fakes/fake-anthropic-types';
import { startFakeOAuthServer, type FakeOAuthServer } from '../fakes/fake-oauth-server';
import {
  browserAvailable,
  CLIENT_KEY,
  goToPage,
  launchBrowser,
  newContext,
  openSignedIn,
  screenshot,
  startPanelEngine,
  watchForErrors,
  type PanelEngine,
} from './e2e-harness';

/**
 * From first run to a first answered request through the UI alone (UI.md): empty states, "Login with
 * Claude" against the fake Claude OAuth server, enable/disable, a request made with the OpenAI SDK in the
 * dashboard's live strip and on the Logs page, delete behind its confirmation. Tests run in order. The test plays the browser's part of the login with an
 * HTTP GET to the callback URL. Every page is photographed in light and dark.
 */
const EMAIL = 'ui@example.com';
const PASTED_EMAIL = 'pasted@example.com';
let upstream: FakeAnthropicUpstream;
let oauth: FakeOAuthServer;
let panel: PanelEngine;
let browser: Browser;

describe.skipIf(!browserAvailable)('accounts, live strip and logs (e2e, headless Chromium)', () => {
  beforeAll(async () => {
    upstream = await startFakeAnthropicUpstream({ name: 'claude-e2e' });
    oauth = await startFakeOAuthServer();
    panel = await startPanelEngine({
      loginCallbackPort: 0,
      oauthEndpoints: { claude: { tokenUrl: oauth.tokenUrl, profileUrl: oauth.profileUrl, authorizeUrl: oauth.authorizeUrl, apiBase: upstream.baseUrl } },
    });
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await panel?.close();
    await oauth?.close();
    await upstream?.close();
  }, 60_000);

  it('first run: the dashboard welcomes, and every list says what to do', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const errors = watchForErrors(page);
    await openSignedIn(page, panel.origin);
    await page.getByRole('heading', { name: 'Welcome' }).waitFor();
    // The logins come from the engine's providers (logins.list), in its order.
    await page.getByText('Add an account: log in with Claude, Codex, Gemini, Qwen, iFlow, Kimi, xAI or Antigravity.').waitFor();
    await page.getByText('No accounts yet').waitFor();
    await page.getByText('No requests yet').waitFor();
    await screenshot(page, 'dashboard-first-run');

    await goToPage(page, 'Accounts');
    await page.getByRole('heading', { name: 'Accounts', level: 1 }).waitFor();
    await page.getByText('No accounts yet').waitFor();
    for (const provider of ['Claude', 'Codex', 'Gemini', 'Qwen', 'iFlow', 'Kimi', 'xAI', 'Antigravity']) {
      expect(await page.getByRole('button', { name: `Login with ${provider}` }).isEnabled()).toBe(true);
    }
    await goToPage(page, 'Logs');
    await page.getByText('No requests yet').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it('"Login with Claude" adds the account (browser callback, or a pasted callback URL); disable and enable', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    // The forged callback URL below is refused on purpose.
    const errors = watchForErrors(page, /login\.submitCallback$/);
    await openSignedIn(page, panel.origin, 'accounts');

    await page.getByRole('button', { name: 'Login with Claude' }).click();
    const loginLink = page.getByRole('link', { name: 'Open the Claude login page' });
    await loginLink.waitFor();
    expect(await loginLink.getAttribute('target')).toBe('_blank');
    await page.getByRole('status').filter({ hasText: 'Waiting for you to approve' }).waitFor();
    // The login buttons wait while a login is open.
    expect(await page.getByRole('button', { name: 'Login with Codex' }).isDisabled()).toBe(true);
    await screenshot(page, 'accounts-login-waiting');

    // The browser's part: approve at the provider, which redirects to the engine's loopback callback.
    const authorizeUrl = (await loginLink.getAttribute('href')) ?? '';
    const callback = await fetch(oauth.approve(authorizeUrl, { email: EMAIL }).replace('localhost', '127.0.0.1'), { redirect: 'manual' });
    expect(callback.status).toBeLessThan(400);

    await page.getByRole('status').filter({ hasText: `Logged in as ${EMAIL}` }).waitFor({ timeout: 10_000 });
    const card = page.getByRole('listitem', { name: EMAIL });
    await card.getByText('Active').waitFor();
    await page.getByRole('button', { name: 'Done' }).click();

    await page.getByRole('button', { name: `Disable ${EMAIL}` }).click();
    await card.getByText('Disabled', { exact: true }).waitFor();
    await page.getByRole('button', { name: `Enable ${EMAIL}` }).click();
    await card.getByText('Active').waitFor();

    await page.getByRole('checkbox', { name: 'Hide emails' }).check();
    await page.getByRole('heading', { name: 'u•••@example.com' }).waitFor();
    await screenshot(page, 'accounts-masked');
    await page.getByRole('checkbox', { name: 'Hide emails' }).uncheck();

    // The fallback when the browser cannot reach the app: paste the address it ended on.
    await page.getByRole('button', { name: 'Login with Claude' }).click();
    await loginLink.waitFor();
    await page.getByText('Paste the callback URL').click();
    await page.getByLabel('Callback URL').fill('http://localhost:1/callback?code=forged&state=wrong');
    await page.getByRole('button', { name: 'Submit callback URL' }).click();
    await page.getByRole('alert').filter({ hasText: 'not accepted' }).waitFor();
    const pasted = oauth.approve((await loginLink.getAttribute('href')) ?? '', { email: PASTED_EMAIL });
    await page.getByLabel('Callback URL').fill(pasted);
    await page.getByRole('button', { name: 'Submit callback URL' }).click();
    await page.getByRole('status').filter({ hasText: `Logged in as ${PASTED_EMAIL}` }).waitFor({ timeout: 10_000 });
    await page.getByRole('listitem', { name: PASTED_EMAIL }).getByText('Active').waitFor();

    expect(panel.engine.status().accounts).toBe(2);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it('a request made with the OpenAI SDK shows up in the live strip and the log, with its detail', async () => {
    const context = await newContext(browser);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: panel.origin });
    const page = await context.newPage();
    const errors = watchForErrors(page);
    await openSignedIn(page, panel.origin);
    const strip = page.getByRole('list', { name: 'Latest requests' });
    await page.getByRole('heading', { name: 'Today' }).waitFor();
    await page.evaluate(RECORD_TODAY_AGAINST_STRIP);

    const client = new OpenAI({ baseURL: `${panel.origin}/v1`, apiKey: CLIENT_KEY, maxRetries: 0 });
    const completion = await client.chat.completions.create({ model: 'claude-sonnet-4-6', messages: [{ role: 'user', content: 'Hello there' }] });
    expect(completion.choices[0]?.message.content).toBe('Hello from claude-e2e');

    // Arrives through the request.finished event, without a reload.
    const item = strip.getByRole('listitem').filter({ hasText: 'claude-sonnet-4-6' });
    await item.waitFor();
    const text = await item.textContent();
    expect(text).toContain('OpenAI Chat → claude-sonnet-4-6 → ');
    // Two accounts serve round-robin: either may have answered.
    const servedBy = /(ui|pasted)@example\.com/.exec(text ?? '')?.[0];
    expect(servedBy).toBeDefined();
    expect(text).toContain('200');
    await page.getByRole('list', { name: 'Account health' }).getByText(EMAIL).waitFor();
    // Regression (issue 19): no moment where the strip shows the request and Today still says 0.
    const readings = await page.evaluate<Array<{ strip: number; today: string }>>('window.todayReadings');
    expect(readings.length).toBeGreaterThan(0);
    expect(readings.filter((reading) => reading.strip > Number(reading.today))).toEqual([]);
    expect(readings.at(-1)).toEqual({ strip: 1, today: '1' });

    // The API key is shown masked and revealed only by the copy button.
    expect(await page.getByLabel('API key (masked)').textContent()).not.toContain(CLIENT_KEY);
    await page.getByRole('button', { name: 'Copy API key' }).click();
    await page.getByText('Copied').waitFor();
    expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(CLIENT_KEY);
    await screenshot(page, 'dashboard');

    await goToPage(page, 'Logs');
    const row = page.getByRole('row').filter({ hasText: 'claude-sonnet-4-6' });
    await row.waitFor();
    await row.getByRole('button', { name: /^Details of claude-sonnet-4-6/ }).click();
    const detail = page.getByRole('complementary', { name: 'Request details' });
    await detail.getByText('HTTP 200').waitFor();
    expect(await detail.textContent()).toContain(servedBy);
    await screenshot(page, 'logs-detail');

    await page.getByLabel('Status').selectOption('5xx');
    await page.getByText('No request matches these filters').waitFor();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await row.waitFor();
    await page.getByLabel('Model').selectOption('claude-sonnet-4-6');
    await row.waitFor();

    expect(errors).toEqual([]);
    expect(panel.logs()).not.toContain(CLIENT_KEY);
    await context.close();
  }, 60_000);

  it("an account the provider rate-limits shows as cooling down on the dashboard; the log shows the retry", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const errors = watchForErrors(page);
    await openSignedIn(page, panel.origin);
    await page.getByRole('list', { name: 'Account health' }).getByText('Active').first().waitFor();

    const reset = String(Math.floor(Date.now() / 1000) + 2 * 3600);
    upstream.enqueue({ kind: 'status', status: 429, headers: { 'anthropic-ratelimit-unified-5h-status': 'rejected', 'anthropic-ratelimit-unified-5h-reset': reset } });
    const client = new OpenAI({ baseURL: `${panel.origin}/v1`, apiKey: CLIENT_KEY, maxRetries: 0 });
    // The engine moves on to the other account, so the client still gets its answer.
    await client.chat.completions.create({ model: 'claude-sonnet-4-6', messages: [{ role: 'user', content: 'Again' }] });

    await page.getByRole('list', { name: 'Account health' }).getByText(/^Cooling until/).waitFor();
    await goToPage(page, 'Logs');
    // Newest first: row 0 is the header.
    await page.getByRole('row').nth(1).getByRole('button').click();
    await page.getByRole('complementary', { name: 'Request details' }).getByText('2 (1 retried)').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it('photographs every page in light and dark', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      const context = await newContext(browser, scheme);
      const page = await context.newPage();
      await openSignedIn(page, panel.origin);
      await photographPages(page, scheme);
      await context.close();
    }
  }, 90_000);

  it('delete asks first (Escape keeps the account), then removes it; keyboard only', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const errors = watchForErrors(page);
    await openSignedIn(page, panel.origin, 'accounts');
    const card = page.getByRole('listitem', { name: EMAIL });
    const deleteButton = page.getByRole('button', { name: `Delete ${EMAIL}` });
    const dialog = page.getByRole('dialog', { name: `Delete ${EMAIL}?` });

    await deleteButton.focus();
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await card.count()).toBe(1);

    await deleteButton.focus();
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    // Cancel has the focus first: the safe choice. Tab to the destructive one.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await card.waitFor({ state: 'detached' });
    // The card is gone; a toast says what happened.
    await page.getByRole('status').filter({ hasText: `Deleted ${EMAIL}.` }).waitFor();
    expect(panel.engine.status().accounts).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);
});

/**
 * Records, at every change of the dashboard, how many requests the live strip lists and what Today's
 * Requests says (a string: this file is typechecked without DOM types).
 */
const RECORD_TODAY_AGAINST_STRIP = `(() => {
  const section = (title) => [...document.querySelectorAll('h2')].find((h) => h.textContent === title)?.closest('section');
  window.todayReadings = [];
  const observer = new MutationObserver(() => {
    const today = section('Today');
    const strip = section('Latest requests');
    // Another page: the dashboard is gone, and so is what to compare.
    if (!today || !strip) return observer.disconnect();
    const requests = [...today.querySelectorAll('dt')].find((dt) => dt.textContent === 'Requests').nextElementSibling.textContent;
    window.todayReadings.push({ strip: strip.querySelectorAll('ol > li').length, today: requests });
  });
  observer.observe(document.querySelector('main'), { subtree: true, childList: true, characterData: true });
})()`;

async function photographPages(page: Page, scheme: 'light' | 'dark'): Promise<void> {
  const names = await page.getByRole('navigation', { name: 'Pages' }).getByRole('link').allTextContents();
  for (const name of names) {
    await goToPage(page, name);
    // The first answers come right after the heading; the event stream never goes idle, so wait briefly.
    await page.waitForTimeout(500);
    await screenshot(page, `page-${name.toLowerCase()}-${scheme}`);
  }
}
