import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserAvailable,
  launchBrowser,
  newContext,
  screenshot,
  SECRET,
  signIn,
  startPanelEngine,
  watchForErrors,
  type PanelEngine,
} from './e2e-harness';

/** Signing in to the web control panel, the dashboard's status, theme, and an engine stopped under the page. */
let panel: PanelEngine | undefined;
let browser: Browser | undefined;

describe.skipIf(!browserAvailable)('web control panel (e2e, headless Chromium)', () => {
  beforeAll(async () => {
    panel = await startPanelEngine();
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await panel?.close();
  }, 60_000);

  it('signs in with the management key and shows the running engine and its base URL', async () => {
    const { origin } = panel as PanelEngine;
    const context = await newContext(browser as Browser);
    const page = await context.newPage();
    const errors = watchForErrors(page);
    await page.goto(`${origin}/management.html`);

    await signIn(page, 'not-the-key');
    await page.getByRole('alert').filter({ hasText: 'not accepted' }).waitFor();
    await screenshot(page, 'sign-in-wrong-key');

    await signIn(page, SECRET);
    const status = page.getByRole('status').filter({ hasText: 'Running' });
    await status.waitFor();
    const port = new URL(origin).port;
    expect(await status.textContent()).toContain(`Running on 127.0.0.1:${port}`);
    await page.getByText(`${origin}/v1`, { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'Copy OpenAI URL' }).isVisible()).toBe(true);
    // HTTP transport: Stop would close the server this page talks to, so it is not offered.
    expect(await page.getByRole('button', { name: 'Stop proxy' }).count()).toBe(0);

    // The key lives in sessionStorage: a reload stays signed in; Sign out forgets it.
    await page.reload();
    await page.getByRole('status').filter({ hasText: 'Running' }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Management key').waitFor();

    expect(errors, `browser errors (CSP violations show up here):\n${errors.join('\n')}`).toEqual([]);
    expect((panel as PanelEngine).logs()).not.toContain(SECRET);
    await context.close();
  }, 60_000);

  it('follows the system dark theme', async () => {
    const context = await newContext(browser as Browser, 'dark');
    const page = await context.newPage();
    await page.goto(`${(panel as PanelEngine).origin}/management.html`);
    await signIn(page, SECRET);
    await page.getByRole('status').filter({ hasText: 'Running' }).waitFor();
    // A string expression: this file is typechecked without DOM types.
    const background = await page.evaluate<string>('getComputedStyle(document.body).backgroundColor');
    expect(background).toBe('rgb(23, 24, 27)');
    await context.close();
  }, 60_000);

  it('serves the panel with a CSP and refuses the management API without the key', async () => {
    const { origin } = panel as PanelEngine;
    const page = await fetch(`${origin}/management.html`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const api = await fetch(`${origin}/v0/management/control/status.get`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(api.status).toBe(401);
  }, 30_000);

  // Keep last: it stops the engine. The open panel holds an SSE stream; stop() must not wait on it.
  it('stops promptly with the panel connected, and the panel then says it lost the engine', async () => {
    const context = await newContext(browser as Browser);
    const page = await context.newPage();
    await page.goto(`${(panel as PanelEngine).origin}/management.html`);
    await signIn(page, SECRET);
    await page.getByRole('status').filter({ hasText: 'Running' }).waitFor();

    const started = Date.now();
    const status = await (panel as PanelEngine).engine.stop();
    expect(status.state).toBe('stopped');
    expect(Date.now() - started).toBeLessThan(5000);

    await page.getByRole('status').filter({ hasText: 'Not connected' }).waitFor({ timeout: 15_000 });
    await page.getByRole('alert').filter({ hasText: 'Cannot reach the proxy engine' }).first().waitFor();
    await screenshot(page, 'dashboard-engine-gone');
    await context.close();
  }, 60_000);
});
