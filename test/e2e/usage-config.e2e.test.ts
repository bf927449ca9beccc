import { readFile, writeFile } from 'node:fs/promises';
import OpenAI from 'openai';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, CLIENT_KEY, fakeOpenAIProvider, goToPage, newContext, openSignedIn, screenshot, startBrowserStage, watchForErrors, type BrowserStage, type PanelEngine } from './e2e-harness';

/**
 * The Usage and Config pages in headless Chromium against a real engine: requests made with the OpenAI
 * SDK (through a fake OpenAI-compatible upstream) appear in the usage charts and table; config.yaml is
 * edited in CodeMirror under the panel's strict CSP: an invalid text shows its problems and saves
 * nothing, a valid one saves with its comments and applies live, a change on disk reloads the editor.
 */
const MODEL = 'e2e-usage-model';
let panel: PanelEngine;
let browser: Browser;
let stage: BrowserStage | undefined;
let configPath = '';

describe.skipIf(!browserAvailable)('usage and config pages (e2e, headless Chromium)', () => {
  beforeAll(async () => {
    stage = await startBrowserStage('usage-e2e', { config: (upstreamUrl) => ({ 'request-retry': 3, ...fakeOpenAIProvider(upstreamUrl) }) });
    ({ panel, browser } = stage);
    configPath = panel.engine.configFile.path;
    // A file a person wrote: comments the editor must keep.
    const written = await readFile(configPath, 'utf8');
    await writeFile(configPath, `# My proxy settings\n${written.replace('request-retry: 3', 'request-retry: 3 # rounds')}`);
    await panel.engine.reload();
  }, 120_000);

  afterAll(() => stage?.close(), 60_000);

  it('Usage: says history starts with the first request, then charts and tables the requests made', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const errors = watchForErrors(page);
    await openSignedIn(page, panel.origin, 'usage');
    await page.getByRole('heading', { name: 'Usage', level: 1 }).waitFor();
    await page.getByText('No usage yet').waitFor();
    expect(await page.getByText('History starts with the first request').isVisible()).toBe(true);
    await screenshot(page, 'usage-empty');

    const client = new OpenAI({ baseURL: `${panel.origin}/v1`, apiKey: CLIENT_KEY, maxRetries: 0 });
    for (const content of ['one', 'two', 'three']) {
      await client.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content }] });
    }

    // Arrives without a reload (request.finished moves the window forward).
    const table = page.getByRole('table', { name: 'Usage by model in this range' });
    const row = table.getByRole('row').filter({ hasText: MODEL });
    await row.waitFor({ timeout: 15_000 });
    expect(await row.getByRole('cell').first().textContent()).toBe('3');
    expect(await page.getByRole('definition').first().textContent()).toBe('3');
    const requestsChart = page.getByRole('figure', { name: 'Requests per hour, by model' });
    await requestsChart.locator('.recharts-bar-rectangle').first().waitFor();
    expect(await page.getByRole('figure', { name: 'Tokens per hour, by model' }).isVisible()).toBe(true);

    await page.getByLabel('Stack by').selectOption('provider');
    await page.getByRole('table', { name: 'Usage by provider in this range' }).getByRole('row').nth(1).waitFor();
    await page.getByRole('radio', { name: '7 days' }).check();
    await page.getByRole('figure', { name: 'Requests per day, by provider' }).waitFor();

    const requestsHeader = page.getByRole('columnheader', { name: 'Requests' });
    expect(await requestsHeader.getAttribute('aria-sort')).toBe('descending');
    await requestsHeader.getByRole('button').click();
    expect(await requestsHeader.getAttribute('aria-sort')).toBe('ascending');

    await page.getByRole('radio', { name: 'Custom' }).check();
    await page.getByLabel('From').fill('2026-01-10');
    await page.getByLabel('to', { exact: true }).fill('2026-01-01');
    await page.getByRole('alert').filter({ hasText: 'The last day is before the first day' }).waitFor();

    await page.getByRole('radio', { name: '24 hours' }).check();
    await page.getByLabel('Stack by').selectOption('model');
    await row.waitFor();
    expect(errors, errors.join('\n')).toEqual([]);
    await context.close();
  }, 60_000);

  it('Config: CodeMirror is styled under the CSP; an invalid text shows its problems and saves nothing', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const errors = watchForErrors(page);
    await openSignedIn(page, panel.origin, 'config');
    const editor = page.getByRole('textbox', { name: 'config.yaml' });
    await editor.getByText('# My proxy settings').waitFor();
    // CodeMirror's own stylesheet is in effect (a blocked stylesheet would leave it display: block).
    // A string expression: this file is typechecked without DOM types.
    const display = await page.evaluate<string>("getComputedStyle(document.querySelector('.yaml-editor').shadowRoot.querySelector('.cm-editor')).display");
    expect(display).toBe('flex');
    await page.getByText('No problems found.').waitFor();

    const before = await readFile(configPath, 'utf8');
    await replaceEditorText(page, before.replace('request-retry: 3 # rounds', 'request-retry: many # rounds'));
    const line = before.split('\n').findIndex((each) => each.startsWith('request-retry')) + 1;
    const problem = page.getByRole('list', { name: /1 problem/ }).getByRole('button', { name: `Line ${line}, column 16: request-retry: expected a number, got text` });
    await problem.waitFor();
    await page.locator('.cm-lintRange-error').first().waitFor();
    // The listed problem takes the cursor there.
    await editor.getByText('# My proxy settings').click();
    await problem.click();
    expect(await page.locator('.cm-activeLine').textContent()).toBe('request-retry: many # rounds');
    expect(await page.getByRole('button', { name: 'Review and save…' }).isDisabled()).toBe(true);
    await screenshot(page, 'config-invalid');

    await replaceEditorText(page, 'port: [8317\n');
    await page.getByRole('status').filter({ hasText: /problem/ }).waitFor();
    expect(await page.getByRole('button', { name: 'Review and save…' }).isDisabled()).toBe(true);
    expect(await readFile(configPath, 'utf8')).toBe(before);
    expect(errors, errors.join('\n')).toEqual([]);
    await context.close();
  }, 60_000);

  it('Config: a valid text is previewed, saved with its comments and applied live; a change on disk reloads the editor', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const errors = watchForErrors(page);
    await openSignedIn(page, panel.origin, 'config');
    const editor = page.getByRole('textbox', { name: 'config.yaml' });
    await editor.getByText('# My proxy settings').waitFor();

    const before = await readFile(configPath, 'utf8');
    const after = before.replace('request-retry: 3 # rounds', '# set in the editor\nrequest-retry: 5 # rounds');
    await replaceEditorText(page, after);
    await page.getByText('No problems found.').waitFor();
    await page.getByRole('button', { name: 'Review and save…' }).click();
    const preview = page.getByRole('list', { name: 'Changed lines' });
    await preview.getByText('request-retry: 5 # rounds').waitFor();
    expect(await preview.getByRole('listitem').filter({ hasText: 'removed:' }).textContent()).toContain('request-retry: 3 # rounds');
    await screenshot(page, 'config-preview');
    await page.getByRole('button', { name: 'Save config.yaml' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved and applied live.' }).waitFor();

    expect(await readFile(configPath, 'utf8')).toBe(after);
    expect(panel.engine.configFile.config().requestRetry).toBe(5);

    // No unsaved edits: a change on disk replaces the editor's text.
    await writeFile(configPath, after.replace('request-retry: 5', 'request-retry: 7'));
    await panel.engine.reload();
    await editor.getByText('request-retry: 7 # rounds').waitFor();

    // Unsaved edits: the editor keeps them and asks.
    await replaceEditorText(page, `${after.replace('request-retry: 5', 'request-retry: 7')}debug: true\n`);
    await writeFile(configPath, after.replace('request-retry: 5', 'request-retry: 8'));
    await panel.engine.reload();
    const conflict = page.getByRole('alert').filter({ hasText: 'changed on disk while you were editing' });
    await conflict.waitFor();
    await conflict.getByRole('button', { name: 'Load the file from disk' }).click();
    await editor.getByText('request-retry: 8 # rounds').waitFor();
    expect(await editor.textContent()).not.toContain('debug: true');
    expect(errors, errors.join('\n')).toEqual([]);
    await context.close();
  }, 60_000);

  it('photographs Usage and Config in light and dark', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      const context = await newContext(browser, scheme);
      const page = await context.newPage();
      await openSignedIn(page, panel.origin, 'usage');
      await page.getByRole('figure', { name: 'Requests per hour, by model' }).locator('.recharts-bar-rectangle').first().waitFor();
      await screenshot(page, `usage-${scheme}`);
      await goToPage(page, 'Config');
      await page.getByText('No problems found.').waitFor();
      await screenshot(page, `config-${scheme}`);
      await context.close();
    }
  }, 60_000);
});

/**
 * Select all in the editor and insert `text` as one input (typing would auto-indent each new line). The
 * tests' "no browser errors" checks make this the regression test for replace-selection-input.ts.
 */
async function replaceEditorText(page: Page, text: string): Promise<void> {
  await page.getByRole('textbox', { name: 'config.yaml' }).click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(text);
}
