import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultAppSettings } from '../../src-shared/control/app-settings';
import { browserAvailable, CLIENT_KEY, goToPage, launchBrowser, newContext, openSignedIn, screenshot, SECRET, startPanelEngine, watchForErrors, type PanelEngine } from './e2e-harness';

/**
 * The Connect, Settings and Config-forms pages in headless Chromium against a real engine whose home
 * folder is a temp folder: Connect -> Disconnect of Claude Code and Codex CLI restores a hand-written
 * settings file byte for byte; a structured form lands in config.yaml with its comments; Settings
 * explains that the browser panel has no app settings; the theme override recolours the page.
 */
const claudeSettings = `{
  // hooks and permissions I set up by hand
  "permissions": { "allow": ["Bash(ls:*)"] },
  "env": {
    "ANTHROPIC_API_KEY": "sk-ant-my-own",
    "DISABLE_TELEMETRY": "1",
  },
}
`;

const codexConfig = `# my Codex settings
model = "gpt-5.5"
model_provider = "openai"

[mcp_servers.docs]
command = "docs-mcp" # keep me
`;

let panel: PanelEngine;
let browser: Browser;
let claudePath = '';
let codexPath = '';

function connector(page: Page, name: string): Locator {
  return page.getByRole('region', { name: 'One-click connect' }).getByRole('region', { name, exact: true });
}

async function connectThenDisconnect(page: Page, name: string, path: string, original: string, expectations: { written: string[]; shot: string }) {
  const card = connector(page, name);
  await card.getByText('Not connected').waitFor();
  await card.getByRole('button', { name: `Connect ${name}…` }).click();
  const diff = card.getByRole('list', { name: `Changes to ${name} settings` });
  await diff.waitFor();
  const diffText = await diff.innerText();
  expect(diffText).not.toContain(CLIENT_KEY);
  // Shown first, nothing written yet.
  expect(await readFile(path, 'utf8')).toBe(original);
  await screenshot(page, `${expectations.shot}-preview`);

  await card.getByRole('button', { name: `Connect ${name}`, exact: true }).click();
  await card.getByText('Connected', { exact: true }).waitFor();
  const connected = await readFile(path, 'utf8');
  for (const text of expectations.written) expect(connected).toContain(text);
  expect(connected).toContain(CLIENT_KEY);

  await card.getByRole('button', { name: `Disconnect ${name}` }).click();
  await card.getByText('Not connected').waitFor();
  expect(await readFile(path, 'utf8')).toBe(original);
}

/**
 * A stand-in for the Electron preload (the Electron binary is not available here): `window.cliproxy`
 * keeps app settings in memory like Electron main, answers the updater's operations (up to date, then a
 * check finds 0.2.0), and forwards every other operation to the engine.
 */
function desktopBridgeScript(): string {
  return `(() => {
    const settings = ${JSON.stringify(defaultAppSettings)};
    window.cliproxy = {
      async invoke(operation, input) {
        if (operation === 'settings.get') return { ok: true, value: { ...settings } };
        if (operation === 'settings.set') { Object.assign(settings, input); return { ok: true, value: { ...settings } }; }
        if (operation === 'updates.get') return { ok: true, value: { currentVersion: '0.1.0', automatic: settings.autoUpdate, status: { state: 'up-to-date', checkedAt: Date.now() } } };
        if (operation === 'updates.check') return { ok: true, value: { currentVersion: '0.1.0', automatic: settings.autoUpdate, status: { state: 'ready', version: '0.2.0' } } };
        const response = await fetch('/v0/management/control/' + operation, {
          method: 'POST',
          headers: { authorization: 'Bearer ${SECRET}', 'content-type': 'application/json' },
          body: JSON.stringify(input),
        });
        return response.json();
      },
      on: () => () => undefined,
    };
  })();`;
}

describe.skipIf(!browserAvailable)('connect, settings and config forms (e2e, headless Chromium)', () => {
  beforeAll(async () => {
    panel = await startPanelEngine();
    claudePath = join(panel.homeDir, '.claude', 'settings.json');
    codexPath = join(panel.homeDir, '.codex', 'config.toml');
    await mkdir(join(panel.homeDir, '.claude'));
    await mkdir(join(panel.homeDir, '.codex'));
    await writeFile(claudePath, claudeSettings);
    await writeFile(codexPath, codexConfig);
    const configPath = panel.engine.configFile.path;
    await writeFile(configPath, `# My proxy settings\n${await readFile(configPath, 'utf8')}request-retry: 3 # rounds\n`);
    await panel.engine.reload();
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await panel?.close();
  }, 60_000);

  it('Connect: Claude Code and Codex CLI connect after a preview, and Disconnect restores each file byte for byte', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const errors = watchForErrors(page);
    await openSignedIn(page, panel.origin, 'connect');
    await page.getByRole('heading', { name: 'Connect', level: 1 }).waitFor();

    await connectThenDisconnect(page, 'Claude Code', claudePath, claudeSettings, { written: ['ANTHROPIC_BASE_URL', panel.origin, '// hooks and permissions I set up by hand'], shot: 'connect-claude-code' });
    await connectThenDisconnect(page, 'Codex CLI', codexPath, codexConfig, { written: ['model_provider = "cliproxy"', `${panel.origin}/v1`, 'command = "docs-mcp" # keep me'], shot: 'connect-codex' });

    // The manual setups: every tool, the Cursor limit said plainly, the key masked in what is shown.
    for (const tool of ['Gemini CLI', 'Cursor', 'VS Code extensions (Cline, Continue)', 'Python SDKs', 'TypeScript SDKs']) {
      await page.getByRole('heading', { name: tool, level: 3 }).waitFor();
    }
    expect(await page.getByRole('note').filter({ hasText: 'cannot reach 127.0.0.1' }).isVisible()).toBe(true);
    expect(await page.getByLabel('TypeScript OpenAI client').innerText()).toContain(`baseURL: '${panel.origin}/v1'`);
    expect(await page.content()).not.toContain(CLIENT_KEY);
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);

  it('Config: a structured form change lands in config.yaml with the comments kept; LAN access warns first', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const errors = watchForErrors(page);
    await openSignedIn(page, panel.origin, 'config');
    await page.getByRole('heading', { name: 'Config', level: 1 }).waitFor();

    const retries = page.getByLabel('Request retries');
    expect(await retries.inputValue()).toBe('3');
    await retries.fill('1');
    await page.getByRole('button', { name: 'Save routing and retries' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved and applied live.' }).waitFor();
    const saved = await readFile(panel.engine.configFile.path, 'utf8');
    expect(saved).toContain('request-retry: 1 # rounds');
    expect(saved).toMatch(/^# My proxy settings\n/);

    await page.getByLabel(/LAN access/).check();
    await page.getByRole('note').filter({ hasText: 'Every device on your network can then reach the proxy' }).waitFor();
    await screenshot(page, 'config-forms-light');
    await page.getByRole('button', { name: 'Undo changes' }).click();
    expect(await page.getByLabel(/LAN access/).isChecked()).toBe(false);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it('Settings: the browser panel explains that app settings live in the desktop app', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const errors = watchForErrors(page);
    await openSignedIn(page, panel.origin);
    await goToPage(page, 'Settings');
    await page.getByText('App settings exist only in the desktop app.').waitFor();
    expect(await page.getByRole('checkbox').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it('Settings in the desktop app: every preference is a control, and the theme applies at once', async () => {
    const context = await newContext(browser, 'light');
    await context.addInitScript({ content: desktopBridgeScript() });
    const page = await context.newPage();
    const errors = watchForErrors(page);
    await page.goto(`${panel.origin}/management.html#/settings`);
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    expect(await page.getByRole('checkbox', { name: /Launch at login/ }).isChecked()).toBe(false);
    expect(await page.getByRole('checkbox', { name: /Close to tray/ }).isChecked()).toBe(true);
    await page.getByText(/^Version 0\.1\.0 is the latest/).waitFor();
    await screenshot(page, 'page-settings-desktop-light');
    await page.getByRole('button', { name: 'Check now' }).click();
    await page.getByText(/^Version 0\.2\.0 is downloaded and installs when you quit/).waitFor();
    expect(await page.getByRole('button', { name: 'Check now' }).isDisabled()).toBe(true);
    await page.getByRole('checkbox', { name: /Update automatically/ }).uncheck();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();

    await page.getByRole('checkbox', { name: /Mask emails/ }).check();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await page.getByRole('radiogroup', { name: 'Theme' }).getByRole('radio', { name: 'Dark' }).check();
    await page.locator('html[data-theme="dark"]').waitFor({ state: 'attached' });
    expect(await page.evaluate<string>('getComputedStyle(document.body).backgroundColor')).toBe('rgb(23, 24, 27)');
    await screenshot(page, 'page-settings-desktop-dark');
    await page.getByRole('radio', { name: 'Follow the system' }).check();
    await page.locator('html:not([data-theme])').waitFor({ state: 'attached' });
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it('the theme override recolours the page whatever the system says', async () => {
    const context = await newContext(browser, 'light');
    const page = await context.newPage();
    await openSignedIn(page, panel.origin, 'connect');
    await page.getByRole('heading', { name: 'Connect', level: 1 }).waitFor();
    // String expressions: this file is typechecked without DOM types.
    expect(await page.evaluate<string>('getComputedStyle(document.body).backgroundColor')).toBe('rgb(246, 247, 249)');
    await page.evaluate<string>("document.documentElement.setAttribute('data-theme', 'dark')");
    expect(await page.evaluate<string>('getComputedStyle(document.body).backgroundColor')).toBe('rgb(23, 24, 27)');
    await context.close();
  }, 60_000);

  it('photographs the new pages light and dark', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      const context = await newContext(browser, scheme);
      const page = await context.newPage();
      await openSignedIn(page, panel.origin, 'connect');
      await connector(page, 'Claude Code').getByText('Not connected').waitFor();
      await screenshot(page, `page-connect-${scheme}`);
      await goToPage(page, 'Settings');
      await screenshot(page, `page-settings-${scheme}`);
      await goToPage(page, 'Config');
      await page.getByLabel('Request retries').waitFor();
      await screenshot(page, `page-config-forms-${scheme}`);
      await context.close();
    }
  }, 90_000);
});
