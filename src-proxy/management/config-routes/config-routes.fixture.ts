import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import { ConfigFile } from '../../config/config-file';
import { parseConfigText } from '../../config/load-config';
import type { EngineConfig } from '../../config/engine-config';
import { buildCredentials } from '../../providers/build-credentials';
import { registerConfigRoutes } from './register-config-routes';

/**
 * Test data: a commented config in the layout the yaml library writes, with keys we do not model (a
 * top-level one and one inside an entry), so a test can compare the whole text after an edit.
 */
export const COMMENTED_CONFIG = `# Commented test config
host: 127.0.0.1 # loopback only
port: 8317
remote-management:
  secret-key: "" # set by tests
auth-dir: ./auths
# client keys
api-keys:
  - sk-client-one # first
  - sk-client-two
debug: false
request-retry: 3 # rounds
routing:
  strategy: round-robin # how to spread
future-key: keep me # unknown to us
gemini-api-key:
  # the main key
  - api-key: AIza-one
    prefix: team # namespace
    future-entry-key: 7
  - api-key: AIza-two
    base-url: https://gemini.example.test
claude-api-key:
  - api-key: sk-ant-one # claude
    priority: 1
codex-api-key:
  - api-key: sk-codex-one
    base-url: https://codex.example.test/v1
openai-compatibility:
  - name: router # gateway
    base-url: https://router.example.test/v1
    api-key-entries:
      - api-key: sk-router
oauth-excluded-models:
  claude:
    - claude-3-* # old ones
oauth-model-alias:
  codex:
    - name: gpt-5
      alias: g5
`;

export interface ConfigRoutesFixture {
  app: FastifyInstance;
  configFile: ConfigFile;
  path: string;
  /** Configs applied so far, oldest first. */
  applied: EngineConfig[];
  text(): Promise<string>;
  call(method: 'GET' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** The config routes alone (no guard) over a real ConfigFile in a temp folder; the live credentials are the config's, as the engine builds them. */
export async function startConfigRoutes(text = COMMENTED_CONFIG): Promise<ConfigRoutesFixture> {
  const folder = await mkdtemp(join(tmpdir(), 'cliproxy-config-routes-'));
  const path = join(folder, 'config.yaml');
  await writeFile(path, text, { mode: 0o600 });
  const parsed = parseConfigText(text, { configDir: folder });
  if (!parsed.ok) throw new Error(`fixture config is invalid: ${JSON.stringify(parsed.problems)}`);
  const applied: EngineConfig[] = [];
  const configFile = new ConfigFile({
    path,
    initial: { config: parsed.config, text },
    apply: (config) => {
      applied.push(config);
      return { restartRequired: [], listenerRestart: false };
    },
  });
  const app = Fastify();
  registerConfigRoutes(app, configFile, () => buildCredentials(configFile.config()));
  await app.ready();
  return {
    app,
    configFile,
    path,
    applied,
    text: () => readFile(path, 'utf8'),
    call: (method, url, body) =>
      app.inject({
        method,
        url: `/v0/management${url}`,
        ...(body === undefined ? {} : { payload: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
      }),
    close: async () => {
      await app.close();
      await rm(folder, { recursive: true, force: true });
    },
  };
}

/** The fixture text with one line replaced (the expected file after an edit). */
export function replaceLine(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`fixture has no line ${from}`);
  return text.replace(from, to);
}
