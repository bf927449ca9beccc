import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchBrowser, newContext, screenshot } from './e2e-harness';
import {
  failedCalls,
  PANEL_SECRET,
  recordManagementCalls,
  startOfficialPanelEngine,
  type ManagementCall,
  type OfficialPanelEngine,
} from './official-panel.fixture';

/**
 * CLIProxyAPI's official web panel (built, unmodified) served by our engine at /management.html through
 * `remote-management.panel-file`, driven in Chromium like a user: log in with the management key, open
 * every page, do the writes a user does there. Every /v0/management answer is recorded; a 4xx/5xx the
 * step did not cause on purpose fails the test.
 */
let panel: OfficialPanelEngine;
let browser: Browser;

describe.skipIf(!browserAvailable)('the official CPA panel against our engine (e2e, headless Chromium)', () => {
  beforeAll(async () => {
    panel = await startOfficialPanelEngine({});
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await panel?.close();
  }, 60_000);

  it('every page and its writes answer without a failed management call', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const calls = recordManagementCalls(page);
    await logIn(page);
    for (const name of ['Dashboard', 'Quick Start', 'AI Providers', 'Auth Files', 'OAuth Login', 'Quota Management', 'Logs Viewer', 'Config Panel', 'Management Center Info']) {
      await openPage(page, name);
      await screenshot(page, `official-panel-${name.toLowerCase().replace(/\W+/g, '-')}`);
    }
    expect(failedCalls(calls)).toEqual([]);
    expect(pathsCalled(calls)).toEqual(expect.arrayContaining(['/config', '/auth-files', '/logs', '/plugins', '/config.yaml']));
    await context.close();
  }, 120_000);
});

async function logIn(page: Page): Promise<void> {
  await page.goto(`${panel.origin}/management.html`);
  await page.getByPlaceholder('Enter the management key').fill(PANEL_SECRET);
  await page.getByRole('button', { name: 'Login' }).click();
  await page.getByRole('link', { name: 'Dashboard' }).waitFor();
}

/** Follows the sidebar link and lets the page's requests settle. */
async function openPage(page: Page, name: string): Promise<void> {
  await page.getByRole('link', { name }).first().click();
  await page.waitForLoadState('networkidle');
}

function pathsCalled(calls: readonly ManagementCall[]): string[] {
  return [...new Set(calls.map((call) => call.path.split('?')[0] ?? ''))];
}
