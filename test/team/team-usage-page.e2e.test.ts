import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startFakeOpenAIUpstream, type FakeOpenAIUpstream } from '../fakes/fake-openai-upstream';
import { runAxe } from '../e2e/axe-check';
import { browserAvailable, CLIENT_KEY, fakeOpenAIProvider, launchBrowser, openSignedIn, screenshot, startPanelEngine, watchForErrors, type PanelEngine } from '../e2e/e2e-harness';
import type { TestEngine } from '../integration/start-test-engine';
import { askAt, startTeamEngines, timeUntil, useTeamStoreKey } from './start-team-engines';
import { startTestPostgres, type TestPostgres } from './start-test-postgres';

/**
 * Issue 18, the usage page on a team server (headless Chromium): the control panel of one engine offers
 * "This engine / Team"; Team shows the requests of both engines, and its breakdown by instance; no axe
 * violation with the switch shown.
 */
const schema = 'team_usage_page';
const hour = 3_600_000;

describe.skipIf(!browserAvailable)('the usage page on a team server (e2e, headless Chromium)', () => {
  let server: TestPostgres;
  let upstream: FakeOpenAIUpstream;
  let panel: PanelEngine;
  let others: TestEngine[] = [];
  let browser: Browser;
  beforeAll(async () => {
    useTeamStoreKey();
    server = await startTestPostgres();
    upstream = await startFakeOpenAIUpstream({ name: 'usage-page' });
    const accounts = fakeOpenAIProvider(upstream.baseUrl);
    panel = await startPanelEngine({ config: { store: { type: 'postgres', dsn: server.dsn, schema }, ...accounts } });
    others = await startTeamEngines(server.dsn, schema, 1, { ...accounts, 'api-keys': [CLIENT_KEY] });
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await Promise.all(others.map((engine) => engine.close()));
    await panel?.close();
    await upstream?.close();
    await server?.stop();
  }, 60_000);

  it('switches between this engine and the team; Team stacks by instance; no axe violation', async () => {
    const other = others[0] as TestEngine;
    const statuses = [await askAt(`${panel.origin}/v1`, 'm', CLIENT_KEY), await askAt(other.baseUrl, 'm', CLIENT_KEY), await askAt(other.baseUrl, 'm', CLIENT_KEY)];
    expect(statuses).toEqual([200, 200, 200]);
    // Each engine copies its rows to the database every second: wait until the team has all three.
    await timeUntil(async () => (await panel.engine.control.invoke('usage.totals', { from: 0, to: Date.now() + hour, scope: 'team' })).requests === 3, 10_000);

    const context = await browser.newContext({ viewport: { width: 1100, height: 800 }, bypassCSP: true });
    const page = await context.newPage();
    const errors = watchForErrors(page);
    await openSignedIn(page, panel.origin, 'usage');
    const requests = page.getByRole('definition').first();
    await page.getByRole('radio', { name: 'This engine' }).waitFor();
    expect(await page.getByRole('radio', { name: 'This engine' }).isChecked()).toBe(true);
    await page.getByRole('table', { name: 'Usage by model in this range' }).waitFor();
    expect(await requests.textContent()).toBe('1');

    await page.getByRole('radio', { name: 'Team' }).check();
    await expect.poll(() => requests.textContent()).toBe('3');
    await page.getByLabel('Stack by').selectOption('instance');
    const byInstance = page.getByRole('table', { name: 'Usage by instance in this range' });
    await byInstance.getByRole('row').nth(2).waitFor();
    const firstCells = [1, 2].map((index) => byInstance.getByRole('row').nth(index).getByRole('cell').first().textContent());
    expect(await Promise.all(firstCells)).toEqual(['2', '1']);
    await page.getByRole('figure', { name: 'Requests per hour, by instance' }).waitFor();
    await screenshot(page, 'usage-team-by-instance');
    expect(await runAxe(page)).toEqual([]);

    await page.getByRole('radio', { name: 'This engine' }).check();
    await page.getByRole('table', { name: 'Usage by model in this range' }).waitFor();
    expect(await page.getByLabel('Stack by').locator('option').allTextContents()).toEqual(['Model', 'Account', 'Client key', 'Provider']);
    await expect.poll(() => requests.textContent()).toBe('1');
    expect(errors, errors.join('\n')).toEqual([]);
    await context.close();
  }, 90_000);
});
