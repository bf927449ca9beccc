import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort } from '../../test/fakes/closed-port.fixture';
import { AuthStore } from '../auth-store/auth-store';
import { parseConfigText } from '../config/load-config';
import { providerByAuthFileType } from '../providers/registry';
import { UsageStore } from '../usage/usage-store';
import { providerOrigins } from './provider-origins';
import { runDoctor } from './run-doctor';
import { oauthCallbackPorts } from './check-local-ports';

const folder = mkdtempSync(join(tmpdir(), 'doctor-'));
const servers: Server[] = [];
let answering = '';
let slow = '';
let refusing = '';
let takenPort = 0;
let freePort = 0;
const takenHolder = createTcpServer();

function listen(server: Server): Promise<string> {
  servers.push(server);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

beforeAll(async () => {
  // A provider host whose clock runs 10 minutes behind ours, one that never answers, one that refuses.
  answering = await listen(createServer((_request, response) => response.writeHead(404, { date: new Date(Date.now() - 600_000).toUTCString() }).end()));
  slow = await listen(createServer(() => undefined));
  refusing = `http://127.0.0.1:${await closedPort()}`;
  freePort = await closedPort();
  await new Promise<void>((resolve) => takenHolder.listen(0, '127.0.0.1', resolve));
  takenPort = (takenHolder.address() as AddressInfo).port;
});
afterAll(async () => {
  for (const server of servers) server.closeAllConnections();
  await Promise.all([...servers, takenHolder].map((server) => new Promise((resolve) => server.close(resolve))));
  rmSync(folder, { recursive: true, force: true });
});

function configOf(text: string) {
  const loaded = parseConfigText(text, { configDir: folder });
  if (!loaded.ok) throw new Error('bad test config');
  return loaded.config;
}

describe('runDoctor against local fakes', () => {
  it('finds a taken callback port, a slow and a refusing host, clock skew, a broken auth file and a healthy usage file', async () => {
    const authDir = join(folder, 'auths');
    mkdirSync(authDir);
    const store = new AuthStore(authDir, { providerByType: providerByAuthFileType });
    writeFileSync(join(authDir, 'claude-a.json'), JSON.stringify({ type: 'claude', access_token: 'a', refresh_token: 'r', email: 'a@example.com' }));
    writeFileSync(join(authDir, 'broken.json'), '{ not json');
    await store.rescan();
    const usagePath = join(folder, 'usage.sqlite');
    UsageStore.open(usagePath).close();
    const config = configOf(`port: ${freePort}\nhost: 127.0.0.1\napi-keys: []\nauth-dir: ${authDir}\n`);
    const report = await runDoctor({
      config,
      authStore: store,
      usagePath,
      origins: [answering, slow, refusing],
      callbackPorts: [{ port: takenPort, login: 'Claude' }],
      // Long enough for the answering host on a busy machine; the slow one never answers.
      timeoutMs: 1500,
    });
    const byId = new Map(report.checks.map((check) => [check.id, check]));
    expect(byId.get('listener')).toMatchObject({ status: 'ok', explanation: expect.stringContaining('free') });
    expect(byId.get('exposure')?.status).toBe('ok');
    expect(byId.get(`callback-port:${takenPort}`)).toMatchObject({ status: 'warning', fix: expect.stringContaining(`lsof -i :${takenPort}`) });
    expect(byId.get('client-keys')?.status).toBe('error');
    expect(byId.get(`reach:${new URL(answering).host}`)).toMatchObject({ status: 'ok', explanation: expect.stringMatching(/answered HTTP 404 in \d+ ms/) });
    expect(byId.get(`reach:${new URL(slow).host}`)).toMatchObject({ status: 'error', explanation: expect.stringContaining('no answer within 1.5 s') });
    expect(byId.get(`reach:${new URL(refusing).host}`)).toMatchObject({ status: 'error', explanation: expect.stringContaining('ECONNREFUSED') });
    expect(byId.get('clock')).toMatchObject({ status: 'error', explanation: expect.stringMatching(/^The clock is 6\d\d s ahead of the providers'/) });
    expect(byId.get('auth-files')).toMatchObject({ status: 'warning', explanation: expect.stringContaining('broken.json') });
    expect(byId.get('usage-db')).toMatchObject({ status: 'ok', explanation: expect.stringContaining('healthy') });
    expect(report.checks.every((check) => check.status === 'ok' || check.fix !== null)).toBe(true);
  });

  it('probes each host directly and through proxy-url, and says which route fails', async () => {
    const config = configOf(`port: ${freePort}\napi-keys: [k]\nproxy-url: ${refusing}\n`);
    const store = new AuthStore(join(folder, 'none'), { providerByType: providerByAuthFileType });
    const report = await runDoctor({ config, authStore: store, usagePath: join(folder, 'absent.sqlite'), origins: [answering], callbackPorts: [], timeoutMs: 3000 });
    const reach = report.checks.find((check) => check.id.startsWith('reach:'));
    expect(reach).toMatchObject({ status: 'error', explanation: expect.stringMatching(/^Directly: answered HTTP 404 .*Through proxy-url: failed/), fix: expect.stringContaining('proxy-url') });
    expect(report.checks.find((check) => check.id === 'usage-db')?.explanation).toContain('No usage history yet');
  });

  it('lists the login providers\' hosts (after endpoint overrides) and the API-key base URLs, once each', () => {
    const config = configOf('claude-api-key:\n  - api-key: k\n    base-url: https://relay.example.com/v1\n');
    const origins = providerOrigins(config, { claude: { tokenUrl: `${answering}/token`, authorizeUrl: `${answering}/authorize` } }, {});
    expect(origins).toContain(answering);
    expect(origins).toContain('https://relay.example.com');
    expect(origins).toContain('https://chatgpt.com');
    expect(new Set(origins).size).toBe(origins.length);
  });

  it('checks the callback port every browser login declares, named with its label; device logins have none', () => {
    expect(oauthCallbackPorts).toEqual([
      { port: 54545, login: 'Claude' },
      { port: 1455, login: 'Codex' },
      { port: 8085, login: 'Gemini' },
      { port: 11451, login: 'iFlow' },
      { port: 51121, login: 'Antigravity' },
    ]);
  });
});
