import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { defaultClaudeUsage, defaultCodexUsage, defaultXaiBilling, startFakeUsageServer, type FakeUsageServer } from '../fakes/fake-usage-server';
import { defaultAntigravityQuotaSummary } from '../fakes/fake-antigravity-server';
import { defaultKimiUsage } from '../fakes/fake-kimi-server';
import { browserAvailable, screenshot } from './e2e-harness';
import { loginThroughPanel, PANEL_LOGINS, startPanelLoginFakes } from './official-panel-logins.fixture';
import {
  failedCalls,
  openPage,
  PANEL_CLIENT_KEY,
  pathsCalled,
  signedInPanel,
  sendApiCallsToFake,
  startOfficialPanelStage,
  type OfficialPanelEngine,
  type OfficialPanelStage,
} from './official-panel.fixture';

/**
 * The official CPA panel's account pages against our engine, in Chromium like a user: every login of the OAuth
 * Login page (PANEL_LOGINS: Codex, Claude and Antigravity through the link and the provider's redirect, Kimi and
 * xAI device flows through the link and the code approved there, each against its fakes), the accounts on Auth
 * Files, an OAuth model exclusion and an alias added, edited and deleted there (checked in config.yaml and in what
 * /v1/models serves), and the Quota page: every account's figures, which the panel fetches through
 * `POST /api-call` from the fakes. Every /v0/management answer is recorded; a 4xx/5xx fails the test.
 */
let stage: OfficialPanelStage;
let panel: OfficialPanelEngine;
let browser: Browser;
let usage: FakeUsageServer;
let logins: Awaited<ReturnType<typeof startPanelLoginFakes>>;

describe.skipIf(!browserAvailable)('the official CPA panel: logins, OAuth model rules and quota (e2e, headless Chromium)', () => {
  beforeAll(async () => {
    // Only the tokens the logins issued open the usage endpoints: the engine must have put the account's in for `$TOKEN$`.
    usage = await startFakeUsageServer({ isValidToken: (token) => logins.fakes.some((fake) => fake.issued(token)) });
    logins = await startPanelLoginFakes(usage.origin);
    stage = await startOfficialPanelStage({}, { loginCallbackPort: 0, oauthEndpoints: logins.endpoints }, [logins, usage]);
    ({ panel, browser } = stage);
  }, 120_000);

  afterAll(() => stage?.close(), 60_000);

  it('logs in every provider, edits OAuth exclusions and aliases, and shows quota, without a failed management call', async () => {
    const { context, page, calls } = await signedInPanel(browser, panel.origin);

    await openPage(page, 'OAuth Login');
    for (const [index, login] of PANEL_LOGINS.entries()) await loginThroughPanel(page, login, logins.fakes[index]!);
    await screenshot(page, 'official-panel-oauth-logins-done');
    const files = await readdir(join(panel.folder, 'auths'));
    for (const fake of logins.fakes) expect(files.filter((file) => file.startsWith(`${fake.provider}-`))).toHaveLength(1);
    await openPage(page, 'Auth Files');
    for (const file of files) await page.getByText(file.replace(/\.json$/, '')).first().waitFor();
    await screenshot(page, 'official-panel-auth-files-logins');

    await excludeThenEditThenDelete(page);
    await aliasThenEditThenDelete(page);

    await showQuota(page);
    await screenshot(page, 'official-panel-quota');

    expect(failedCalls(calls)).toEqual([]);
    expect(pathsCalled(calls)).toEqual(expect.arrayContaining([...PANEL_LOGINS.map((login) => login.route), '/get-auth-status', '/oauth-excluded-models', '/oauth-model-alias', '/api-call']));
    await context.close();
  }, 240_000);
});

/**
 * Quota Management, "Refresh all credentials": the panel asks each account's usage URL through `POST /api-call` (sent to
 * the login's fakes, see sendApiCallsToFake) and shows what is left of each window: 100 minus the fake's percentages
 * (Kimi: its limits minus what is used; Antigravity: each bucket's fraction left; xAI: the weekly and per-product
 * percentages used), and no card fails.
 */
async function showQuota(page: Page): Promise<void> {
  await sendApiCallsToFake(page, Object.fromEntries(logins.fakes.flatMap((fake) => Object.entries(fake.quotaHosts))));
  await openPage(page, 'Quota Management');
  await page.getByRole('button', { name: 'Refresh all credentials' }).click();
  await page.getByText(`${PANEL_LOGINS.length} loaded`).waitFor();
  const card = async (prefix: string) => (await page.getByRole('article').filter({ hasText: new RegExp(`^${prefix}-`) }).innerText()).replace(/\s+/g, ' ');
  expect(await card('claude')).toContain(`5-hour limit ${100 - defaultClaudeUsage.five_hour.utilization}%`);
  expect(await card('codex')).toContain(`5-hour limit ${100 - defaultCodexUsage.rate_limit.primary_window.used_percent}%`);
  const [fiveHour] = defaultKimiUsage.limits;
  expect(await card('kimi')).toContain(`5h limit ${(100 * Number(fiveHour?.detail.remaining)) / Number(fiveHour?.detail.limit)}%`);
  expect(await card('kimi')).toContain(`Weekly limit ${(100 * (Number(defaultKimiUsage.usage.limit) - Number(defaultKimiUsage.usage.used))) / Number(defaultKimiUsage.usage.limit)}%`);
  const { creditUsagePercent, productUsage } = defaultXaiBilling.credits.config;
  expect(await card('xai')).toContain(`Weekly limit Used ${creditUsagePercent}%`);
  for (const { product, usagePercent } of productUsage) expect(await card('xai')).toContain(`${product} usage Used ${usagePercent}%`);
  // Each group's buckets in order, and the plan the panel reads from loadCodeAssist (the fake's free tier).
  const left = defaultAntigravityQuotaSummary.groups.flatMap((group) => group.buckets).map((bucket) => `${Math.round(bucket.remainingFraction * 100)}% remaining`);
  expect(await card('antigravity')).toMatch(new RegExp(`^antigravity-.* Plan Free .*${left.join('.*')}`));
  expect(await page.getByText('Failed to load quota').count()).toBe(0);
  expect(usage.requests.map((request) => request.path)).toEqual(expect.arrayContaining(['/api/oauth/usage', '/backend-api/wham/usage', '/v1/billing?format=credits', '/v1/billing']));
}

/** Auth Files, "OAuth Model Disablement": Codex's gpt-5.4 excluded, then gpt-5.5 as well, then the provider's rule deleted. */
async function excludeThenEditThenDelete(page: Page): Promise<void> {
  expect(await servedModels()).toEqual(expect.arrayContaining(['gpt-5.4', 'gpt-5.5']));
  await page.getByRole('button', { name: 'Add Disablement' }).click();
  await page.getByRole('button', { name: 'Codex', exact: true }).click();
  await pickExcludedModel(page, 'gpt-5.4');
  expect(await configSection('oauth-excluded-models')).toEqual({ codex: ['gpt-5.4'] });
  expect(await servedModels()).not.toContain('gpt-5.4');

  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  await pickExcludedModel(page, 'gpt-5.5', ['gpt-5.4']);
  expect(await configSection('oauth-excluded-models')).toEqual({ codex: ['gpt-5.4', 'gpt-5.5'] });
  expect(await servedModels()).not.toContain('gpt-5.5');

  await page.getByRole('button', { name: 'Delete Provider' }).click();
  await confirmDialog(page);
  expect(await configSection('oauth-excluded-models')).toBeUndefined();
  expect(await servedModels()).toEqual(expect.arrayContaining(['gpt-5.4', 'gpt-5.5']));
}

/**
 * The excluded-models picker: open it, tick `model`, save (a PATCH of /oauth-excluded-models). The edit form fills in
 * the saved rule (`alreadyExcluded`) after it opens, and a tick made before that is lost: tick only once the saved
 * models show as ticked, and save only once every model does.
 */
async function pickExcludedModel(page: Page, model: string, alreadyExcluded: string[] = []): Promise<void> {
  const ticked = (name: string) => page.getByRole('option', { name, exact: true }).and(page.locator('[aria-selected="true"]')).waitFor();
  await page.getByRole('button', { name: 'Models to disable' }).click();
  for (const name of alreadyExcluded) await ticked(name);
  await page.getByRole('option', { name: model, exact: true }).click();
  for (const name of [...alreadyExcluded, model]) await ticked(name);
  await save(page, '/oauth-excluded-models');
}

/** Auth Files, "OAuth Model Aliases": Claude's claude-sonnet-4-6 also served as panel-sonnet, renamed, then deleted. */
async function aliasThenEditThenDelete(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Add Alias' }).click();
  await page.getByRole('button', { name: 'Claude', exact: true }).click();
  await page.getByRole('textbox', { name: 'Source model name' }).fill('claude-sonnet-4-6');
  await page.getByRole('textbox', { name: 'Alias (required)' }).fill('panel-sonnet');
  await save(page, '/oauth-model-alias');
  expect(await configSection('oauth-model-alias')).toEqual({ claude: [{ name: 'claude-sonnet-4-6', alias: 'panel-sonnet', fork: true }] });
  expect(await servedModels()).toEqual(expect.arrayContaining(['panel-sonnet', 'claude-sonnet-4-6']));

  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  await page.getByRole('textbox', { name: 'Alias (required)' }).fill('panel-sonnet-renamed');
  await save(page, '/oauth-model-alias');
  expect(await configSection('oauth-model-alias')).toEqual({ claude: [{ name: 'claude-sonnet-4-6', alias: 'panel-sonnet-renamed', fork: true }] });
  expect(await servedModels()).toContain('panel-sonnet-renamed');
  expect(await servedModels()).not.toContain('panel-sonnet');

  await page.getByRole('button', { name: 'Delete Provider' }).click();
  await confirmDialog(page);
  expect(await configSection('oauth-model-alias')).toEqual({});
  expect(await servedModels()).not.toContain('panel-sonnet-renamed');
}

/** "Save/Update" and the write it sends; the form returns to Auth Files. */
async function save(page: Page, route: string): Promise<void> {
  const written = page.waitForResponse((response) => new URL(response.url()).pathname === `/v0/management${route}` && response.request().method() !== 'GET');
  await page.getByRole('button', { name: 'Save/Update' }).click();
  await written;
  await page.getByRole('heading', { name: 'Auth Files Management' }).waitFor();
  await page.waitForLoadState('networkidle');
}

/** The delete confirmation, and the write it sends (a DELETE, or a PATCH with an empty list). */
async function confirmDialog(page: Page): Promise<void> {
  const deleted = page.waitForResponse((response) => response.url().includes('/v0/management/') && response.request().method() !== 'GET');
  await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
  await deleted;
  await page.waitForLoadState('networkidle');
}

async function configSection(key: string): Promise<unknown> {
  return (parse(await readFile(panel.engine.configFile.path, 'utf8')) as Record<string, unknown>)[key];
}

/** The model ids a client sees (the OpenAI `GET /v1/models`). */
async function servedModels(): Promise<string[]> {
  const answer = await fetch(`${panel.origin}/v1/models`, { headers: { authorization: `Bearer ${PANEL_CLIENT_KEY}` } });
  return ((await answer.json()) as { data: Array<{ id: string }> }).data.map((model) => model.id);
}
