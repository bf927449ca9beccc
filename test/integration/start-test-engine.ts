import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { stringify } from 'yaml';
import { createEngine } from '../../src-proxy/index';
import type { Engine, EngineOptions } from '../../src-proxy/engine-types';

export const testClientKey = 'sk-test-client-key-0123456789';

export interface TestEngine {
  engine: Engine;
  /** e.g. http://127.0.0.1:40123 (no /v1). */
  origin: string;
  baseUrl: string;
  configPath: string;
  /** Stands in for the user's home folder (client tool settings that Connect edits). */
  homeDir: string;
  /** The engine's auth-dir (created only when `authFiles` were given or a login wrote one). */
  authDir: string;
  /** Every log line the engine wrote, parsed. */
  logLines(): Array<Record<string, unknown>>;
  rawLogs(): string;
  close(): Promise<void>;
}

export interface TestEngineOptions {
  allowOpen?: boolean;
  /** Auth files (name -> JSON object) written to auth-dir before the engine loads it. */
  authFiles?: Record<string, Record<string, unknown>>;
  oauthEndpoints?: EngineOptions['oauthEndpoints'];
  loginCallbackPort?: number;
  tunnel?: EngineOptions['tunnel'];
  /** Run in this data folder (config.yaml rewritten; the caller removes it), e.g. to restart an engine where it was. Default: a new temp folder that close() removes. */
  folder?: string;
}

/**
 * A real engine on a free loopback port with the given config (merged over test defaults), logs
 * captured in memory. Always pair with close().
 */
export async function startTestEngine(config: Record<string, unknown>, options: TestEngineOptions = {}): Promise<TestEngine> {
  const folder = options.folder ?? (await mkdtemp(join(tmpdir(), 'cliproxy-test-')));
  const configPath = join(folder, 'config.yaml');
  const authDir = join(folder, 'auths');
  const document = { host: '127.0.0.1', port: 8317, 'api-keys': [testClientKey], 'auth-dir': authDir, ...config };
  await writeFile(configPath, stringify(document), { mode: 0o600 });
  if (options.authFiles) {
    await mkdir(authDir, { recursive: true, mode: 0o700 });
    for (const [name, contents] of Object.entries(options.authFiles)) await writeFile(join(authDir, name), JSON.stringify(contents), { mode: 0o600 });
  }
  let logs = '';
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      logs += chunk.toString();
      callback();
    },
  });
  // Port 0 in the override: the OS picks a free port, so test files can run in parallel.
  const engine = await createEngine({
    configPath,
    logDestination: destination,
    allowOpen: options.allowOpen ?? false,
    overrides: { port: 0 },
    // Connect edits ~/.claude and ~/.codex: never the real home in tests.
    homeDir: join(folder, 'home'),
    ...(options.oauthEndpoints ? { oauthEndpoints: options.oauthEndpoints } : {}),
    ...(options.loginCallbackPort !== undefined ? { loginCallbackPort: options.loginCallbackPort } : {}),
    ...(options.tunnel ? { tunnel: options.tunnel } : {}),
  });
  const status = await engine.start();
  if (status.state !== 'running' || !status.baseUrl) throw new Error(`engine did not start: ${status.error}`);
  return {
    engine,
    origin: status.baseUrl.replace(/\/v1$/, ''),
    baseUrl: status.baseUrl,
    configPath,
    homeDir: join(folder, 'home'),
    authDir,
    logLines: () => logs.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>),
    rawLogs: () => logs,
    close: async () => {
      await engine.close();
      if (options.folder === undefined) await rm(folder, { recursive: true, force: true });
    },
  };
}

/** An `openai-compatibility` entry pointing at a fake upstream. */
export function compatEntry(name: string, baseUrl: string, keys: string[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { name, 'base-url': baseUrl, 'api-key-entries': keys.map((key) => ({ 'api-key': key })), ...extra };
}

/**
 * A config API key's auth index (docs/management-api.md#auth-files): 16 hex of SHA-256 over its section and
 * identifying fields (base URL, key, proxy, prefix), what `auth_index` takes for that key.
 */
export function configKeyAuthIndex(section: string, baseUrl: string, apiKey: string): string {
  return createHash('sha256').update(`${section}:${baseUrl}+${apiKey}++`).digest('hex').slice(0, 16);
}
