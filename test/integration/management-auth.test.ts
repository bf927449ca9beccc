import { readFile } from 'node:fs/promises';
import bcrypt from 'bcryptjs';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import packageJson from '../../package.json' with { type: 'json' };
import { createFakeControlApi } from '../../src-proxy/management/create-fake-control-api.fixture';
import { COMMENTED_CONFIG, replaceLine, startConfigRoutes } from '../../src-proxy/management/config-routes/config-routes.fixture';
import { createSecretVerifier, hashPlaintextSecret, isBcryptHash } from '../../src-proxy/management/management-secret';
import { registerControlRoutes, type ControlRoutesDeps } from '../../src-proxy/management/register-control-routes';
import { startTestEngine, type TestEngine } from './start-test-engine';

/** docs/management-api.md#authentication: who may use /v0/management, over a bare app (injected clock, socket address, Host) and a real engine. */
const SECRET = 'guard-test-secret';
const PING = '/v0/management/ping';
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

interface GuardedApp {
  app: FastifyInstance;
  advance(ms: number): void;
}

function guardedApp(overrides: Partial<ControlRoutesDeps> = {}): GuardedApp {
  let clock = Date.UTC(2026, 0, 1);
  const app = Fastify();
  registerControlRoutes(app, {
    control: createFakeControlApi(),
    getSecret: () => SECRET,
    allowRemote: () => false,
    getHost: () => '127.0.0.1',
    disableControlPanel: () => false,
    now: () => clock,
    ...overrides,
  });
  app.get(PING, async () => ({ pong: true }));
  cleanups.push(() => app.close());
  return { app, advance: (ms) => (clock += ms) };
}

const ping = (app: FastifyInstance, key: string | null, options: { remoteAddress?: string; host?: string; headers?: Record<string, string> } = {}) =>
  app.inject({
    method: 'GET',
    url: PING,
    remoteAddress: options.remoteAddress ?? '127.0.0.1',
    headers: { host: options.host ?? '127.0.0.1:8317', ...(key === null ? {} : { authorization: `Bearer ${key}` }), ...options.headers },
  });

describe('management guard', () => {
  it('is a bare 404 without a secret or MANAGEMENT_PASSWORD', async () => {
    const { app } = guardedApp({ getSecret: () => '' });
    const response = await ping(app, SECRET);
    expect(response.statusCode).toBe(404);
    expect(response.body).toBe('');
    expect(response.headers['x-cpa-version']).toBeUndefined();
  });

  it('answers 401 missing / invalid management key in CPA wording, with the X-CPA headers, and 200 for the key', async () => {
    const { app } = guardedApp();
    const missing = await ping(app, null);
    expect(missing.statusCode).toBe(401);
    expect(missing.json()).toEqual({ error: 'missing management key' });
    const wrong = await ping(app, 'nope');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toEqual({ error: 'invalid management key' });
    const ok = await ping(app, null, { headers: { 'x-management-key': SECRET } });
    expect(ok.statusCode).toBe(200);
    for (const response of [missing, ok]) {
      expect(response.headers).toMatchObject({ 'x-cpa-version': packageJson.version, 'x-cpa-commit': 'none', 'x-cpa-build-date': 'unknown' });
    }
    // An Authorization header that is not "Bearer x" is the key itself (CPA).
    expect((await ping(app, null, { headers: { authorization: SECRET } })).statusCode).toBe(200);
  });

  it('bans an address after 5 failures (local ones count) for 30 minutes, then lets it in again', async () => {
    const { app, advance } = guardedApp();
    for (let attempt = 0; attempt < 4; attempt += 1) expect((await ping(app, 'wrong')).statusCode).toBe(401);
    expect((await ping(app, null)).statusCode).toBe(401);
    const banned = await ping(app, SECRET);
    expect(banned.statusCode).toBe(403);
    expect(banned.json()).toEqual({ error: 'IP banned due to too many failed attempts. Try again in 30m0s' });
    expect((await ping(app, SECRET, { remoteAddress: '::1' })).statusCode).toBe(200);
    advance(29 * 60_000);
    expect((await ping(app, SECRET)).json()).toEqual({ error: 'IP banned due to too many failed attempts. Try again in 1m0s' });
    advance(60_000);
    expect((await ping(app, SECRET)).statusCode).toBe(200);
  });

  it('a success resets the failure count', async () => {
    const { app } = guardedApp();
    for (let attempt = 0; attempt < 4; attempt += 1) await ping(app, 'wrong');
    expect((await ping(app, SECRET)).statusCode).toBe(200);
    for (let attempt = 0; attempt < 4; attempt += 1) await ping(app, 'wrong');
    expect((await ping(app, SECRET)).statusCode).toBe(200);
  });

  it('refuses a non-loopback socket with 403 remote management disabled, whatever X-Forwarded-For says, and does not count it', async () => {
    const { app } = guardedApp();
    for (let attempt = 0; attempt < 6; attempt += 1) {
      const response = await ping(app, SECRET, { remoteAddress: '192.168.1.20', headers: { 'x-forwarded-for': '127.0.0.1' } });
      expect(response.statusCode).toBe(403);
      expect(response.json()).toEqual({ error: 'remote management disabled' });
    }
    const allowed = guardedApp({ allowRemote: () => true });
    expect((await ping(allowed.app, SECRET, { remoteAddress: '192.168.1.20', host: 'proxy.example.test:8317' })).statusCode).toBe(200);
  });

  it('refuses a Host that is neither loopback nor the configured host (DNS rebinding) unless remote management is allowed', async () => {
    const { app } = guardedApp({ getHost: () => 'proxy.lan' });
    const rebound = await ping(app, SECRET, { host: 'attacker.example:8317' });
    expect(rebound.statusCode).toBe(403);
    expect(rebound.json()).toEqual({ error: 'invalid host header' });
    for (const host of ['127.0.0.1:8317', 'localhost', 'LOCALHOST:1', '[::1]:8317', 'proxy.lan:8317']) {
      expect((await ping(app, SECRET, { host })).statusCode, host).toBe(200);
    }
    const remote = guardedApp({ allowRemote: () => true });
    expect((await ping(remote.app, SECRET, { host: 'attacker.example:8317' })).statusCode).toBe(200);
  });

  it('sends no CORS headers on management responses', async () => {
    const { app } = guardedApp();
    const response = await ping(app, SECRET, { headers: { origin: 'https://attacker.example' } });
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('MANAGEMENT_PASSWORD enables the API without a secret and forces allow-remote', async () => {
    const { app } = guardedApp({ getSecret: () => '', managementPassword: 'env-password' });
    expect((await ping(app, 'env-password', { remoteAddress: '10.0.0.8', host: 'proxy.example.test' })).statusCode).toBe(200);
    expect((await ping(app, 'other')).statusCode).toBe(401);
  });

  it('accepts the plaintext of a bcrypt secret, and refuses other keys', async () => {
    const hash = await bcrypt.hash(SECRET, 4);
    const { app } = guardedApp({ getSecret: () => hash });
    expect((await ping(app, SECRET)).statusCode).toBe(200);
    expect((await ping(app, SECRET)).statusCode).toBe(200);
    expect((await ping(app, hash)).statusCode).toBe(401);
  });
});

describe('secret verifier', () => {
  it('remembers a verified key by digest (one bcrypt check), forgets wrong ones, and starts over when the secret changes', async () => {
    const verify = createSecretVerifier();
    const hash = await bcrypt.hash('right', 4);
    const first = verify('right', hash);
    expect(verify('right', hash)).toBe(first);
    expect(await first).toBe(true);
    expect(verify('right', hash)).toBe(first);
    const wrong = verify('wrong', hash);
    expect(await wrong).toBe(false);
    expect(verify('wrong', hash)).not.toBe(wrong);
    const otherHash = await bcrypt.hash('another', 4);
    expect(await verify('right', otherHash)).toBe(false);
    expect(await verify('another', otherHash)).toBe(true);
    expect(await verify('plain', 'plain')).toBe(true);
    expect(await verify('plain', 'plainer')).toBe(false);
  });
});

describe('hashPlaintextSecret', () => {
  it('replaces only the secret-key scalar of a commented file; a hash is left alone', async () => {
    const secretLine = 'secret-key: "" # set by tests';
    const fixture = await startConfigRoutes(replaceLine(COMMENTED_CONFIG, secretLine, 'secret-key: plain # set by tests'));
    cleanups.push(() => fixture.close());
    expect(await hashPlaintextSecret(fixture.configFile)).toMatchObject({ ok: true });
    const hash = fixture.configFile.config().remoteManagement.secretKey;
    expect(await bcrypt.compare('plain', hash)).toBe(true);
    expect(await fixture.text()).toBe(replaceLine(COMMENTED_CONFIG, secretLine, `secret-key: ${hash} # set by tests`));
    expect(await hashPlaintextSecret(fixture.configFile)).toBeNull();
  });
});

describe('management secret in a real engine', () => {
  const start = async (config: Record<string, unknown>): Promise<TestEngine> => {
    const proxy = await startTestEngine(config);
    cleanups.push(() => proxy.close());
    return proxy;
  };
  const getConfig = (proxy: TestEngine, key: string) => fetch(`${proxy.origin}/v0/management/config`, { headers: { authorization: `Bearer ${key}` } });

  it('hashes a plaintext secret-key in the file on start (comment-preserving) and still accepts the plaintext', async () => {
    const proxy = await start({ 'remote-management': { 'secret-key': 'plain-secret' } });
    const text = await readFile(proxy.configPath, 'utf8');
    expect(text).not.toContain('plain-secret');
    const hash = /secret-key: (\S+)/.exec(text)?.[1] ?? '';
    expect(isBcryptHash(hash)).toBe(true);
    expect(await bcrypt.compare('plain-secret', hash)).toBe(true);
    const response = await getConfig(proxy, 'plain-secret');
    expect(response.status).toBe(200);
    expect(response.headers.get('x-cpa-version')).toBe(packageJson.version);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect((await getConfig(proxy, 'wrong')).status).toBe(401);
  });

  it('accepts a bcrypt secret written in the file and leaves the file alone', async () => {
    const hash = await bcrypt.hash('hashed-secret', 4);
    const proxy = await start({ 'remote-management': { 'secret-key': hash } });
    const before = await readFile(proxy.configPath, 'utf8');
    expect((await getConfig(proxy, 'hashed-secret')).status).toBe(200);
    expect(await readFile(proxy.configPath, 'utf8')).toBe(before);
  });

  it('answers a bare 404 on every management path without a secret', async () => {
    const proxy = await start({});
    const response = await getConfig(proxy, 'anything');
    expect(response.status).toBe(404);
    expect(await response.text()).toBe('');
  });
});
