import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import type { Page } from 'playwright-core';
import { stringify } from 'yaml';
import type { Engine, EngineOptions } from '../../src-proxy/engine-types';
import { createEngine } from '../../src-proxy/index';

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
