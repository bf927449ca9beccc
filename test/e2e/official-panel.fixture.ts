import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { stringify } from 'yaml';
import type { Engine, EngineOptions } from '../../src-proxy/engine-types';
import { createEngine } from '../../src-proxy/index';
import { launchBrowser, newContext } from './e2e-harness';

/**
 * CLIProxyAPI's official web panel, built (a real client no one here wrote; read-only, never edited), lives
 * beside the repository in `../shared/fixtures/official-panel/` (a git worktree sits one folder deeper).
 * The engine serves it itself through `remote-management.panel-file`, as a user would configure it.
 */
const panelCandidates = ['..', join('..', '..')].map((up) =>
  resolve(import.meta.dirname, '..', '..', up, 'shared', 'fixtures', 'official-panel', 'management.html'),
);

export function officialPanelFile(): string {
  const found = panelCandidates.find((candidate) => existsSync(candidate));
  if (found === undefined) throw new Error(`the official panel fixture is missing; looked for it at ${panelCandidates.join(', ')}`);
  return found;
}
export const PANEL_SECRET = 'official-panel-secret-0123456789';
export const PANEL_CLIENT_KEY = 'sk-official-panel-client-0123456789';

export interface OfficialPanelEngine {
  engine: Engine;
  origin: string;
  folder: string;
  close(): Promise<void>;
}

/** A real engine on a free loopback port, logging to file, serving the official panel; `remote-management` keys merge into ours. */
export async function startOfficialPanelEngine(
  config: Record<string, unknown>,
  options: Pick<EngineOptions, 'oauthEndpoints' | 'loginCallbackPort'> = {},
): Promise<OfficialPanelEngine> {
  const folder = await mkdtemp(join(tmpdir(), 'cliproxy-official-panel-'));
  const configPath = join(folder, 'config.yaml');
  const { 'remote-management': remoteManagement, ...rest } = config;
  const document = {
    host: '127.0.0.1',
    port: 8317,
    'api-keys': [PANEL_CLIENT_KEY],
    'auth-dir': join(folder, 'auths'),
    'logging-to-file': true,
    ...rest,
    'remote-management': { 'secret-key': PANEL_SECRET, 'panel-file': officialPanelFile(), ...(remoteManagement as Record<string, unknown> | undefined) },
  };
  await writeFile(configPath, stringify(document), { mode: 0o600 });
  const engine = await createEngine({ configPath, overrides: { port: 0 }, homeDir: folder, logDestination: discard(), ...options });
  const status = await engine.start();
  if (status.state !== 'running' || status.baseUrl === null) throw new Error(`engine did not start: ${status.error}`);
  return {
    engine,
    origin: status.baseUrl.replace(/\/v1$/, ''),
    folder,
    close: async () => {
      await engine.stop();
      await rm(folder, { recursive: true, force: true });
    },
  };
}

/** The engine serving the panel and the browser, plus the test's fakes the engine points at. */
export interface OfficialPanelStage {
  panel: OfficialPanelEngine;
  browser: Browser;
  /** Browser, engine, then the fakes. */
  close(): Promise<void>;
}

/** `startOfficialPanelEngine` and the browser; `fakes` (started first, the config names them) are closed last, also when the start fails. */
export async function startOfficialPanelStage(
  config: Record<string, unknown>,
  options: Parameters<typeof startOfficialPanelEngine>[1],
  fakes: ReadonlyArray<{ close(): Promise<void> }>,
): Promise<OfficialPanelStage> {
  const closeFakes = async () => {
    for (const fake of fakes) await fake.close();
  };
  let panel: OfficialPanelEngine | undefined;
  let browser: Browser;
  try {
    panel = await startOfficialPanelEngine(config, options);
    browser = await launchBrowser();
  } catch (error) {
    await panel?.close();
    await closeFakes();
    throw error;
  }
  return {
    panel,
    browser,
    close: async () => {
      await browser.close();
      await panel.close();
      await closeFakes();
    },
  };
}

export interface ManagementCall {
  method: string;
  /** Path below /v0/management with its query. */
  path: string;
  status: number;
}

/** Every /v0/management answer the page receives, in order. */
export function recordManagementCalls(page: Page): ManagementCall[] {
  const calls: ManagementCall[] = [];
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (!url.pathname.startsWith('/v0/management/')) return;
    calls.push({ method: response.request().method(), path: url.pathname.slice('/v0/management'.length) + url.search, status: response.status() });
  });
  return calls;
}

/** The distinct paths called, without their query. */
export function pathsCalled(calls: readonly ManagementCall[]): string[] {
  return [...new Set(calls.map((call) => call.path.split('?')[0] ?? ''))];
}

/** `METHOD path -> status` of each call that failed (4xx/5xx), minus the ones a step caused on purpose. */
export function failedCalls(calls: readonly ManagementCall[], onPurpose: readonly RegExp[] = []): string[] {
  return calls
    .filter((call) => call.status >= 400)
    .map((call) => `${call.method} ${call.path} -> ${call.status}`)
    .filter((line) => !onPurpose.some((pattern) => pattern.test(line)));
}

function discard(): Writable {
  return new Writable({ write: (_chunk, _encoding, callback) => callback() });
}

/**
 * The panel asks the providers' real account hosts through `POST /api-call` (the usage URLs are fixed in its code).
 * In the test each host in `fakes` is the fake named for it (an origin, optionally with a path prefix): each such
 * call's `url` is rewritten on its way to the engine, as a hosts-file entry would, so the engine still checks and
 * fills the call as it would for real. A call to any other host goes unchanged (the engine refuses a foreign origin).
 */
export async function sendApiCallsToFake(page: Page, fakes: Readonly<Record<string, string>>): Promise<void> {
  await page.route('**/v0/management/api-call', async (route) => {
    const body = JSON.parse(route.request().postData() ?? '{}') as { url?: string };
    const target = body.url === undefined ? null : new URL(body.url);
    const fake = target === null ? undefined : fakes[target.host];
    if (target === null || fake === undefined) return route.continue();
    return route.continue({ postData: JSON.stringify({ ...body, url: `${fake}${target.pathname}${target.search}` }) });
  });
}

/** A fresh browser context on the panel, signed in; `calls` records its management answers from the first one on. */
export async function signedInPanel(browser: Browser, origin: string): Promise<{ context: BrowserContext; page: Page; calls: ManagementCall[] }> {
  const context = await newContext(browser);
  const page = await context.newPage();
  const calls = recordManagementCalls(page);
  await logIn(page, origin);
  return { context, page, calls };
}

/** The panel's login page: the management key, then its dashboard. */
export async function logIn(page: Page, origin: string): Promise<void> {
  await page.goto(`${origin}/management.html`);
  await page.getByPlaceholder('Enter the management key').fill(PANEL_SECRET);
  await page.getByRole('button', { name: 'Login' }).click();
  await page.getByRole('link', { name: 'Dashboard', exact: true }).waitFor();
}

/** Follows the sidebar link and lets the page's requests settle. */
export async function openPage(page: Page, name: string): Promise<void> {
  await page.getByRole('link', { name, exact: true }).or(page.getByRole('link', { name: new RegExp(`^${name}`) })).first().click();
  await page.waitForLoadState('networkidle');
}
