import OpenAI from 'openai';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeOpenAIUpstream } from '../fakes/fake-openai-upstream';
import { browserAvailable, CLIENT_KEY, screenshot, SECRET, signIn, startBrowserStage, watchForErrors, type BrowserStage, type PanelEngine } from './e2e-harness';

/**
 * The tray popover (`#/popover`), the compact route of the same app that the macOS/Windows tray window
 * loads: state, the URL with Copy, accounts with their quota ring and status, the last requests arriving
 * live, and the way to the full dashboard. Photographed light and dark.
 */
const MODEL = 'popover-model';
let upstream: FakeOpenAIUpstream;
let panel: PanelEngine;
let browser: Browser;
let stage: BrowserStage | undefined;

describe.skipIf(!browserAvailable)('tray popover (e2e, headless Chromium)', () => {
  beforeAll(async () => {
    stage = await startBrowserStage('popover-e2e');
    ({ upstream, panel, browser } = stage);
  }, 120_000);

  afterAll(() => stage?.close(), 60_000);

  it('shows the state, copies the URL, lists the account and the requests as they finish, and leads to the dashboard', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 520 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: panel.origin });
    const page = await context.newPage();
    const errors = watchForErrors(page);
    await page.goto(`${panel.origin}/management.html#/popover`);
    await signIn(page, SECRET);

    await page.getByRole('status').filter({ hasText: 'Running' }).waitFor();
    // No sidebar in the compact window.
    expect(await page.getByRole('navigation', { name: 'Pages' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Copy URL' }).click();
    expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(`${panel.origin}/v1`);
    await page.getByRole('list', { name: 'Accounts' }).getByRole('listitem').first().waitFor();
    await page.getByText('No requests yet.').waitFor();

    const client = new OpenAI({ baseURL: `${panel.origin}/v1`, apiKey: CLIENT_KEY, maxRetries: 0 });
    await client.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'hi' }] });
    await page.getByRole('list', { name: 'Last requests' }).getByRole('listitem').filter({ hasText: MODEL }).waitFor();

    expect(await page.getByRole('link', { name: 'Open dashboard' }).getAttribute('href')).toBe('#/dashboard');
    await screenshot(page, 'popover-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'popover-dark');
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);
});
