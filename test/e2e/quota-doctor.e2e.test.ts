import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMessageBody, planReply } from '../fakes/fake-anthropic-bodies';
import { startFakeAnthropicUpstream, type FakeAnthropicUpstream } from '../fakes/fake-anthropic-upstream';
import { runAxe } from './axe-check';
import { browserAvailable, CLIENT_KEY, launchBrowser, openSignedIn, SCREENSHOTS, startPanelEngine, watchForErrors, type PanelEngine } from './e2e-harness';

/**
 * Issue 17 in the UI, against a real engine and a fake Anthropic upstream: the quota forecast with its burn
 * chart (a Claude key whose answer says 60 % of the 5-hour window is used, after requests the usage history
 * counted), the login warning on a Claude login that nothing renews and ends in two days, and the Doctor's
 * per-account hello (an answer, then the provider's 429). Photographed light and dark; axe finds nothing.
 */
const FOLDER = join(SCREENSHOTS, 'screenshots');
const KEY_ACCOUNT = 'claude-api-key[0]';
let upstream: FakeAnthropicUpstream;
let panel: PanelEngine;
let browser: Browser;
let authDir = '';

async function ask(content: string): Promise<void> {
  const response = await fetch(`${panel.origin}/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': CLIENT_KEY, 'anthropic-version': '2023-06-01' },
    body: JSON.stringify({ model: 'quota-model', max_tokens: 64, messages: [{ role: 'user', content }] }),
  });
  expect(response.status).toBe(200);
  await response.arrayBuffer();
}

async function photograph(page: Page, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: join(FOLDER, `${name}-${scheme}.png`), fullPage: true });
    expect(await runAxe(page), `${name} ${scheme}`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

describe.skipIf(!browserAvailable)('quota forecast, login warning and doctor hello (e2e, headless Chromium)', () => {
  beforeAll(async () => {
    upstream = await startFakeAnthropicUpstream({ name: 'quota-e2e' });
    authDir = await mkdtemp(join(tmpdir(), 'quota-e2e-auths-'));
    // A Claude login without a refresh token: nothing renews it, and it stops working in two days.
    const ending = { type: 'claude', access_token: 'sk-ant-oat01-ending', expired: new Date(Date.now() + 2 * 86_400_000).toISOString(), email: 'ending@example.com', disabled: false };
    await writeFile(join(authDir, 'claude-ending@example.com.json'), JSON.stringify(ending), { mode: 0o600 });
    panel = await startPanelEngine({
      config: { 'auth-dir': authDir, 'claude-api-key': [{ 'api-key': 'k-quota', 'base-url': upstream.baseUrl, models: [{ name: 'claude-sonnet-4-6', alias: 'quota-model' }] }] },
      oauthEndpoints: { claude: { apiBase: upstream.baseUrl } },
    });
    browser = await launchBrowser();
    await mkdir(FOLDER, { recursive: true });
    // Use the history counts, then an answer whose headers say 60 % of the 5-hour window is gone (reset in 2 h).
    for (const word of ['one', 'two', 'three']) await ask(`${word} ${'lorem ipsum '.repeat(400)}`);
    upstream.enqueue({
      kind: 'status',
      status: 200,
      body: buildMessageBody(planReply({ serial: 4, body: { model: 'claude-sonnet-4-6' }, defaultText: 'hi' })),
      headers: {
        'anthropic-ratelimit-unified-5h-utilization': '0.6',
        'anthropic-ratelimit-unified-5h-reset': String(Math.floor(Date.now() / 1000) + 7200),
        'anthropic-ratelimit-unified-5h-status': 'allowed',
      },
    });
    await ask('four');
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await panel?.close();
    await upstream?.close();
    await rm(authDir, { recursive: true, force: true });
  }, 60_000);

  it('the account card forecasts the 5-hour limit with a burn chart; the login warning offers Log in again; the dashboard and popover say it too', async () => {
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, bypassCSP: true });
    const page = await context.newPage();
    const errors = watchForErrors(page);
    await openSignedIn(page, panel.origin, 'accounts');
    const keyCard = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: KEY_ACCOUNT }) });
    await keyCard.getByText(/^At this rate the 5-hour limit is reached at .+, before its reset at .+\.$/).waitFor();
    expect(await keyCard.getByRole('img', { name: /^5-hour window: \d+% used, at this rate the limit is reached at / }).count()).toBe(1);
    const loginCard = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'ending@example.com' }) });
    await loginCard.getByText(/^This login cannot renew itself and stops working at .+\. Log in again before then\.$/).waitFor();
    expect(await loginCard.getByRole('button', { name: 'Log in again as ending@example.com' }).count()).toBe(1);
    expect(await loginCard.getByText('renewed automatically', { exact: false }).count()).toBe(0);
    await photograph(page, 'quota-forecast-accounts');

    await page.goto(`${panel.origin}/management.html#/dashboard`);
    await page.getByText(`Quota forecast: Claude API key ${KEY_ACCOUNT}: 5-hour limit at`, { exact: false }).waitFor();
    await photograph(page, 'quota-forecast-dashboard');

    await page.goto(`${panel.origin}/management.html#/popover`);
    await page.getByText(`Claude API key ${KEY_ACCOUNT}: 5-hour limit at`, { exact: false }).waitFor();
    await photograph(page, 'quota-forecast-popover');
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('the Doctor sends a hello only when asked: the answer with its latency, then the provider\'s own error', async () => {
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, bypassCSP: true });
    const page = await context.newPage();
    const errors = watchForErrors(page);
    await openSignedIn(page, panel.origin, 'doctor');
    await page.getByRole('heading', { name: 'Hello through each account' }).waitFor();
    const before = upstream.requests.length;
    await page.getByRole('button', { name: `Say hello through ${KEY_ACCOUNT}` }).waitFor();
    expect(upstream.requests.length).toBe(before);

    await page.getByRole('button', { name: `Say hello through ${KEY_ACCOUNT}` }).click();
    // The key lists its own model, so the hello asks that one; the login gets its provider's cheapest.
    await page.getByText(/^Answered in \d+ ms \(claude-sonnet-4-6\)\.$/).waitFor();
    upstream.enqueue({ kind: 'status', status: 429 });
    await page.getByRole('button', { name: 'Say hello through ending@example.com' }).click();
    await page.getByText(/^HTTP 429: .+ \(claude-haiku-4-5-20251001\)$/).waitFor();
    expect(upstream.requests.length).toBe(before + 2);
    expect(upstream.requests.slice(-2).map((request) => (request.body as { max_tokens?: number }).max_tokens)).toEqual([1, 1]);
    await photograph(page, 'doctor-hello');
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
