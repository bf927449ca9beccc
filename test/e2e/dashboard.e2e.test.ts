import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { Engine } from '../../src-proxy/engine-types';
import { createEngine } from '../../src-proxy/index';

/**
 * The web control panel in real headless Chromium against a real engine: the renderer is built fresh
 * into a temp folder (so the test always sees the current source and never races `dist-renderer/`),
 * served by the engine at /management.html, signed into with the management key.
 */
const projectRoot = join(import.meta.dirname, '..', '..');
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const SECRET = 'e2e-management-secret-0123456789';
const SCREENSHOTS = join(projectRoot, 'test-results');

// In CI this must run (a missing browser fails loudly); locally, a missing browser skips with a reason.
const runs = existsSync(CHROMIUM) || Boolean(process.env.CI);
if (!runs) console.warn(`[e2e] SKIPPED: ${CHROMIUM} not found. Install it with: apt-get update && apt-get install -y chromium`);

let folder = '';
let engine: Engine | undefined;
let browser: Browser | undefined;
let origin = '';
let engineLogs = '';

async function startEngineWithPanel(): Promise<void> {
  folder = await mkdtemp(join(tmpdir(), 'cliproxy-e2e-'));
  const panelDir = join(folder, 'panel');
  await build({
    configFile: join(projectRoot, 'vite.config.ts'),
    configLoader: 'runner',
    logLevel: 'warn',
    build: { outDir: panelDir, emptyOutDir: true },
  });
  const configPath = join(folder, 'config.yaml');
  const config = {
    host: '127.0.0.1',
    port: 8317,
    'api-keys': ['sk-e2e-client-key-0123456789'],
    'auth-dir': join(folder, 'auths'),
    'remote-management': { 'secret-key': SECRET },
  };
  await writeFile(configPath, stringify(config), { mode: 0o600 });
  const logDestination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      engineLogs += chunk.toString();
      callback();
    },
  });
  // Port 0: the OS picks a free port, so this never collides with a running app or other tests.
  engine = await createEngine({ configPath, controlPanelDir: panelDir, overrides: { port: 0 }, logDestination });
  const status = await engine.start();
  if (status.state !== 'running' || status.baseUrl === null) throw new Error(`engine did not start: ${status.error}`);
  origin = status.baseUrl.replace(/\/v1$/, '');
}

/** Console errors and page errors, minus the 401 the wrong-key attempt causes on purpose. */
function watchForErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    if (/Failed to load resource.*\b401\b/.test(message.text())) return;
    errors.push(`console: ${message.text()}`);
  });
  return errors;
}

async function signIn(page: Page, key: string): Promise<void> {
  await page.getByLabel('Management key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describe.skipIf(!runs)('web control panel (e2e, headless Chromium)', () => {
  beforeAll(async () => {
    await startEngineWithPanel();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await engine?.stop();
    if (folder !== '') await rm(folder, { recursive: true, force: true });
  }, 60_000);

  it('signs in with the management key and shows the running engine and its base URL', async () => {
    const context = await (browser as Browser).newContext({ viewport: { width: 1000, height: 700 } });
    const page = await context.newPage();
    const errors = watchForErrors(page);
    await page.goto(`${origin}/management.html`);
    await mkdir(SCREENSHOTS, { recursive: true });

    await signIn(page, 'not-the-key');
    await page.getByRole('alert').filter({ hasText: 'not accepted' }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'sign-in-wrong-key.png') });

    await signIn(page, SECRET);
    const status = page.getByRole('status');
    await status.filter({ hasText: 'Running' }).waitFor();
    const port = new URL(origin).port;
    expect(await status.textContent()).toContain(`Running on 127.0.0.1:${port}`);
    await page.getByText(`${origin}/v1`, { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'Copy URL' }).isVisible()).toBe(true);
    // HTTP transport: Stop would close the server this page talks to, so it is not offered.
    expect(await page.getByRole('button', { name: 'Stop proxy' }).count()).toBe(0);

    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-web-panel.png'), fullPage: true });

    // The key lives in sessionStorage: a reload stays signed in; Sign out forgets it.
    await page.reload();
    await page.getByRole('status').filter({ hasText: 'Running' }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Management key').waitFor();

    expect(errors, `browser errors (CSP violations show up here):\n${errors.join('\n')}`).toEqual([]);
    expect(engineLogs).not.toContain(SECRET);
    await context.close();
  }, 60_000);

  it('follows the system dark theme', async () => {
    const context = await (browser as Browser).newContext({ viewport: { width: 1000, height: 700 }, colorScheme: 'dark' });
    const page = await context.newPage();
    await page.goto(`${origin}/management.html`);
    await signIn(page, SECRET);
    await page.getByRole('status').filter({ hasText: 'Running' }).waitFor();
    // A string expression: this file is typechecked without DOM types.
    const background = await page.evaluate<string>('getComputedStyle(document.body).backgroundColor');
    expect(background).toBe('rgb(23, 24, 27)');
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-web-panel-dark.png'), fullPage: true });
    await context.close();
  }, 60_000);

  it('serves the panel with a CSP and refuses the management API without the key', async () => {
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
    const context = await (browser as Browser).newContext();
    const page = await context.newPage();
    await page.goto(`${origin}/management.html`);
    await signIn(page, SECRET);
    await page.getByRole('status').filter({ hasText: 'Running' }).waitFor();

    const started = Date.now();
    const status = await (engine as Engine).stop();
    expect(status.state).toBe('stopped');
    expect(Date.now() - started).toBeLessThan(5000);

    await page.getByRole('status').filter({ hasText: 'Not connected' }).waitFor({ timeout: 15_000 });
    await page.getByRole('alert').filter({ hasText: 'Cannot reach the proxy engine' }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-web-panel-engine-gone.png') });
    await context.close();
  }, 60_000);
});
