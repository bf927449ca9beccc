import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'vite';
import { stringify } from 'yaml';
import type { Engine, EngineOptions } from '../../src-proxy/engine-types';
import { createEngine } from '../../src-proxy/index';
import { startFakeOpenAIUpstream, type FakeOpenAIUpstream } from '../fakes/fake-openai-upstream';
import { CHROMIUM } from './browser-availability';

/**
 * What every e2e file shares: the renderer built fresh into a temp folder (so a test always sees the
 * current source and never races `dist-renderer/`), a real engine serving it at /management.html, and
 * Debian's headless Chromium.
 */
const projectRoot = join(import.meta.dirname, '..', '..');
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
export const SECRET = 'e2e-management-secret-0123456789';
export const CLIENT_KEY = 'sk-e2e-client-key-0123456789';
export const SCREENSHOTS = join(projectRoot, 'test-results');

// In CI the suites must run (a missing browser fails loudly); locally a missing browser skips them, and
// skipped-browser-suites-reporter.ts says so once at the end of the run.
export { browserAvailable } from './browser-availability';

export interface PanelEngine {
  engine: Engine;
  /** e.g. http://127.0.0.1:40123 */
  origin: string;
  /** The temp home folder whose ~/.claude and ~/.codex Connect edits (never the real home). */
  homeDir: string;
  /** Everything the engine logged, to check no secret leaked. */
  logs(): string;
  close(): Promise<void>;
}

export interface PanelEngineOptions {
  /** Config keys merged over the defaults (loopback, one client key, a management secret). */
  config?: Record<string, unknown>;
  oauthEndpoints?: EngineOptions['oauthEndpoints'];
  loginCallbackPort?: number;
  tunnel?: EngineOptions['tunnel'];
}

/** Config for one OpenAI-compatible provider, `fake-openai`, at `baseUrl` (a fake upstream): an account that serves any model. */
export function fakeOpenAIProvider(baseUrl: string): Record<string, unknown> {
  return { 'openai-compatibility': [{ name: 'fake-openai', 'base-url': baseUrl, 'api-key-entries': [{ 'api-key': 'sk-upstream-e2e' }] }] };
}

/** A fake OpenAI-compatible upstream, a panel engine whose account is that upstream, and the browser: what most e2e files start with. */
export interface BrowserStage {
  upstream: FakeOpenAIUpstream;
  panel: PanelEngine;
  browser: Browser;
  /** Browser, engine, then upstream. */
  close(): Promise<void>;
}

/** `config` builds the engine's config from the upstream's base URL (default: `fakeOpenAIProvider`). */
export async function startBrowserStage(upstreamName: string, options: Omit<PanelEngineOptions, 'config'> & { config?: (upstreamUrl: string) => Record<string, unknown> } = {}): Promise<BrowserStage> {
  const upstream = await startFakeOpenAIUpstream({ name: upstreamName });
  let panel: PanelEngine | undefined;
  let browser: Browser;
  try {
    panel = await startPanelEngine({ ...options, config: (options.config ?? fakeOpenAIProvider)(upstream.baseUrl) });
    browser = await launchBrowser();
  } catch (error) {
    await panel?.close();
    await upstream.close();
    throw error;
  }
  return {
    upstream,
    panel,
    browser,
    close: async () => {
      await browser.close();
      await panel.close();
      await upstream.close();
    },
  };
}

/** Builds the panel and starts an engine serving it on a free loopback port. */
export async function startPanelEngine(options: PanelEngineOptions = {}): Promise<PanelEngine> {
  const folder = await mkdtemp(join(tmpdir(), 'cliproxy-e2e-'));
  const panelDir = join(folder, 'panel');
  await build({
    configFile: join(projectRoot, 'vite.config.ts'),
    configLoader: 'runner',
    logLevel: 'warn',
    build: { outDir: panelDir, emptyOutDir: true },
  });
  const configPath = join(folder, 'config.yaml');
  const homeDir = join(folder, 'home');
  await mkdir(homeDir);
  const config = {
    host: '127.0.0.1',
    port: 8317,
    'api-keys': [CLIENT_KEY],
    'auth-dir': join(folder, 'auths'),
    'remote-management': { 'secret-key': SECRET },
    ...options.config,
  };
  await writeFile(configPath, stringify(config), { mode: 0o600 });
  let logs = '';
  const logDestination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      logs += chunk.toString();
      callback();
    },
  });
  // Port 0: the OS picks a free port, so this never collides with a running app or other tests.
  const engine = await createEngine({
    configPath,
    controlPanelDir: panelDir,
    overrides: { port: 0 },
    logDestination,
    homeDir,
    ...(options.oauthEndpoints ? { oauthEndpoints: options.oauthEndpoints } : {}),
    ...(options.loginCallbackPort !== undefined ? { loginCallbackPort: options.loginCallbackPort } : {}),
    ...(options.tunnel ? { tunnel: options.tunnel } : {}),
  });
  const status = await engine.start();
  if (status.state !== 'running' || status.baseUrl === null) throw new Error(`engine did not start: ${status.error}`);
  await mkdir(SCREENSHOTS, { recursive: true });
  return {
    engine,
    origin: status.baseUrl.replace(/\/v1$/, ''),
    homeDir,
    logs: () => logs,
    close: async () => {
      await engine.stop();
      await rm(folder, { recursive: true, force: true });
    },
  };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export function newContext(browser: Browser, colorScheme: 'light' | 'dark' = 'light'): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1100, height: 800 }, colorScheme });
}

/**
 * Page errors, console errors (CSP violations show up here) and failed HTTP answers, minus the 401 a
 * wrong key causes on purpose, and `refusedOnPurpose` (paths of operations the test makes fail).
 */
export function watchForErrors(page: Page, refusedOnPurpose?: RegExp): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    // Judged by URL below; the console line does not say which request failed.
    if (message.text().startsWith('Failed to load resource')) return;
    errors.push(`console: ${message.text()}`);
  });
  page.on('response', (response) => {
    const status = response.status();
    const path = new URL(response.url()).pathname;
    if (status < 400 || status === 401 || refusedOnPurpose?.test(path)) return;
    errors.push(`HTTP ${status}: ${response.url()}`);
  });
  return errors;
}

export async function signIn(page: Page, key: string): Promise<void> {
  await page.getByLabel('Management key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Opens the panel at `#/<path>` and signs in. */
export async function openSignedIn(page: Page, origin: string, path = 'dashboard'): Promise<void> {
  await page.goto(`${origin}/management.html#/${path}`);
  await signIn(page, SECRET);
  await page.getByRole('navigation', { name: 'Pages' }).waitFor();
}

/** Follows the navigation link to a page and waits for its heading. */
export async function goToPage(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name, exact: true }).click();
  await page.getByRole('heading', { name, level: 1 }).waitFor();
}

export function screenshot(page: Page, name: string): Promise<Buffer> {
  return page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
