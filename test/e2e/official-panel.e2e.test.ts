import { generateKeyPairSync } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startFakeGeminiUpstream } from '../fakes/fake-gemini-upstream';
import { browserAvailable, screenshot } from './e2e-harness';
import {
  failedCalls,
  openPage,
  PANEL_CLIENT_KEY,
  pathsCalled,
  signedInPanel,
  startOfficialPanelStage,
  type OfficialPanelEngine,
  type OfficialPanelStage,
} from './official-panel.fixture';

/**
 * CLIProxyAPI's official web panel (built, unmodified) served by our engine at /management.html through
 * `remote-management.panel-file`, driven in Chromium like a user: log in with the management key, open
 * every page, do the writes a user does there (provider keys of every family, a config setting saved,
 * traffic counted on a provider row, a Vertex service account imported, then its auth file's models, disabled
 * and deleted, the update check, the logs). Every /v0/management answer is recorded; a 4xx/5xx fails the test. Local fakes only: a Gemini
 * upstream for the provider counters and a release feed for the update check.
 */
const PAGES = ['Dashboard', 'Quick Start', 'AI Providers', 'Auth Files', 'OAuth Login', 'Quota Management', 'Logs Viewer', 'Config Panel', 'Management Center Info'];
const GEMINI_KEY = 'AIza-official-panel-gemini';
let stage: OfficialPanelStage;
let panel: OfficialPanelEngine;
let browser: Browser;
let geminiBaseUrl: string;

describe.skipIf(!browserAvailable)('the official CPA panel against our engine (e2e, headless Chromium)', () => {
  beforeAll(async () => {
    const gemini = await startFakeGeminiUpstream({ name: 'official-panel' });
    const feed = createServer((_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end('{"tag_name":"v9.9.9"}'));
    await new Promise<void>((resolve) => feed.listen(0, '127.0.0.1', resolve));
    const feedUrl = `http://127.0.0.1:${(feed.address() as AddressInfo).port}/releases/latest`;
    const feedServer = { close: () => new Promise<void>((resolve) => feed.close(() => resolve())) };
    stage = await startOfficialPanelStage({ 'remote-management': { 'release-feed-url': feedUrl } }, {}, [gemini, feedServer]);
    ({ panel, browser } = stage);
    geminiBaseUrl = gemini.baseUrl;
  }, 120_000);

  afterAll(() => stage?.close(), 60_000);

  it('every page and the writes users do there answer without a failed management call', async () => {
    const { context, page, calls } = await signedInPanel(browser, panel.origin);
    for (const name of PAGES) {
      await openPage(page, name);
      await screenshot(page, `official-panel-${name.toLowerCase().replace(/\W+/g, '-')}`);
    }

    await openPage(page, 'AI Providers');
    await addProviderKey(page, 'Gemini', GEMINI_KEY, geminiBaseUrl);
    await addProviderKey(page, 'Codex', 'sk-official-panel-codex', 'http://127.0.0.1:9/codex');
    await addProviderKey(page, 'xAI', 'xai-official-panel', 'https://api.x.ai/v1');
    await addProviderKey(page, 'Interactions API', 'AIza-official-panel-interactions', '');
    await addProviderKey(page, 'Vertex', 'vertex-official-panel', 'http://127.0.0.1:9/vertex');
    const written = parse(await readFile(panel.engine.configFile.path, 'utf8')) as Record<string, Array<Record<string, unknown>>>;
    expect(written['gemini-api-key']).toEqual([{ 'api-key': GEMINI_KEY, 'base-url': geminiBaseUrl }]);
    for (const section of ['codex-api-key', 'xai-api-key', 'interactions-api-key', 'vertex-api-key']) expect(written[section]).toHaveLength(1);

    // Traffic through the Gemini key: the panel's provider counters come from GET /api-key-usage.
    const answer = await fetch(`${panel.origin}/v1beta/models/gemini-2.5-flash:generateContent`, {
      method: 'POST',
      headers: { 'x-goog-api-key': PANEL_CLIENT_KEY, 'content-type': 'application/json' },
      body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'hello' }] }] }),
    });
    expect(answer.status).toBe(200);
    await page.getByRole('button', { name: /^Gemini\W.*active/ }).click();
    // The panel caches the counters for 4 minutes; its Refresh button asks again.
    await page.getByRole('button', { name: 'Refresh', exact: true }).click();
    await page.getByText('Success: 1').waitFor();
    await screenshot(page, 'official-panel-gemini-counters');

    await openPage(page, 'Config Panel');
    await saveDebugMode(page);
    expect(panel.engine.configFile.config().debug).toBe(true);

    await openPage(page, 'OAuth Login');
    await importVertexAccount(page);
    await openPage(page, 'Auth Files');
    await page.getByText('vertex-official-panel.json').first().waitFor();
    await screenshot(page, 'official-panel-auth-files-vertex');
    await toggleAndDeleteAuthFile(page, 'vertex-official-panel.json');

    await openPage(page, 'Management Center Info');
    await page.getByRole('button', { name: 'Check for updates' }).click();
    await page.getByText(/v9\.9\.9/).first().waitFor();

    await openPage(page, 'Logs Viewer');
    await page.getByRole('button', { name: /Refresh Logs/ }).click();
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'official-panel-logs-after-writes');

    expect(calls.filter((call) => call.method !== 'GET').map((call) => `${call.method} ${call.path.split('?')[0]}`)).toEqual(
      expect.arrayContaining(['PUT /gemini-api-key', 'PUT /xai-api-key', 'PUT /config.yaml', 'POST /vertex/import', 'PATCH /auth-files/status', 'DELETE /auth-files']),
    );
    expect(failedCalls(calls)).toEqual([]);
    expect(pathsCalled(calls)).toEqual(
      expect.arrayContaining(['/config', '/auth-files', '/logs', '/plugins', '/config.yaml', '/latest-version', '/vertex/import', '/xai-api-key', '/interactions-api-key', '/api-key-usage', '/auth-files/models', '/auth-files/status']),
    );
    await context.close();
  }, 240_000);
});

/** AI Providers: pick the family, "New", key and base URL, "Create"; waits for the sheet to close. */
async function addProviderKey(page: Page, family: string, apiKey: string, baseUrl: string): Promise<void> {
  await page.getByRole('button', { name: new RegExp(`^${family}\\W.*active`) }).click();
  await page.getByRole('button', { name: 'New' }).first().click();
  await page.getByPlaceholder('Enter API key').fill(apiKey);
  if (baseUrl !== '') await page.getByPlaceholder('https://api.example.com').fill(baseUrl);
  await page.getByRole('button', { name: 'Create' }).click();
  await page.getByRole('button', { name: 'Create' }).waitFor({ state: 'detached' });
  await page.waitForLoadState('networkidle');
}

/** Config Panel: switch Debug Mode on, "Save changes", "Confirm Save" (a PUT of config.yaml). */
async function saveDebugMode(page: Page): Promise<void> {
  const debug = page.getByRole('checkbox', { name: 'Debug Mode' });
  await debug.and(page.locator(':enabled')).waitFor({ state: 'attached' });
  // The switch's input is visually hidden behind its track: a user's click lands on it through the label.
  await debug.dispatchEvent('click');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByRole('button', { name: 'Confirm Save' }).click();
  await page.getByRole('button', { name: 'Confirm Save' }).waitFor({ state: 'detached' });
  await page.waitForLoadState('networkidle');
}

/** OAuth Login: "Import Vertex Credential" with a service-account JSON (a fresh RSA key). */
async function importVertexAccount(page: Page): Promise<void> {
  const privateKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const account = { type: 'service_account', project_id: 'official-panel', private_key: privateKey, client_email: 'panel@official-panel.iam.gserviceaccount.com' };
  await page.locator('input[type=file]').last().setInputFiles({ name: 'service-account.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(account)) });
  await page.getByRole('button', { name: 'Import Vertex Credential' }).click();
  await page.waitForLoadState('networkidle');
}

/** Auth Files: the card's models, its Enabled switch off (written into the file), then Delete and its confirmation. */
async function toggleAndDeleteAuthFile(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: 'Models' }).first().click();
  await page.waitForLoadState('networkidle');
  await page.keyboard.press('Escape');
  const patched = page.waitForResponse((response) => response.url().endsWith('/v0/management/auth-files/status'));
  await page.getByRole('checkbox', { name: 'Enabled' }).first().dispatchEvent('click');
  await patched;
  const saved = JSON.parse(await readFile(join(panel.folder, 'auths', name), 'utf8')) as { disabled?: boolean };
  expect(saved.disabled).toBe(true);
  await page.getByRole('button', { name: 'Delete', exact: true }).first().click();
  await page.getByRole('dialog').getByRole('button', { name: /Delete|Confirm/ }).last().click();
  await page.getByText(name).first().waitFor({ state: 'detached' });
  await expect(readFile(join(panel.folder, 'auths', name))).rejects.toThrow(/ENOENT/);
}
