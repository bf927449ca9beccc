import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import { createFakeControlApi, type FakeControlApi } from './create-fake-control-api.fixture';
import { registerControlRoutes, type ControlRoutesDeps } from './register-control-routes';

const SECRET = 'test-management-secret';
const STATUS_URL = '/v0/management/control/status.get';
let panelDir = '';
let app: FastifyInstance | undefined;

beforeAll(async () => {
  panelDir = await mkdtemp(join(tmpdir(), 'cliproxy-panel-'));
  await mkdir(join(panelDir, 'management', 'assets'), { recursive: true });
  await writeFile(join(panelDir, 'index.html'), '<!doctype html><title>panel</title>');
  await writeFile(join(panelDir, 'management', 'assets', 'index-abc.js'), 'console.log(1)');
  await writeFile(join(panelDir, 'secret.txt'), 'outside assets');
});
afterAll(() => rm(panelDir, { recursive: true, force: true }));
afterEach(async () => {
  await app?.close();
  app = undefined;
});

function build(overrides: Partial<ControlRoutesDeps> = {}): { app: FastifyInstance; control: FakeControlApi } {
  const control = createFakeControlApi();
  app = Fastify();
  registerControlRoutes(app, {
    control,
    getSecret: () => SECRET,
    allowRemote: () => false,
    controlPanelDir: panelDir,
    disableControlPanel: () => false,
    ...overrides,
  });
  return { app, control };
}

const post = (target: FastifyInstance, url: string, headers: Record<string, string> = {}, payload: unknown = {}) =>
  target.inject({ method: 'POST', url, headers, payload: JSON.stringify(payload), remoteAddress: '127.0.0.1' });

describe('registerControlRoutes: authentication', () => {
  it('refuses a missing key with 401', async () => {
    const response = await post(build().app, STATUS_URL, { 'content-type': 'application/json' });
    expect(response.statusCode).toBe(401);
    expect(response.body).not.toContain(SECRET);
  });

  it('refuses a wrong key with 401, in either header, without running the operation', async () => {
    const { app: target, control } = build();
    const json = { 'content-type': 'application/json' };
    const stopUrl = '/v0/management/control/proxy.stop';
    expect((await post(target, stopUrl, { ...json, authorization: 'Bearer nope' })).statusCode).toBe(401);
    expect((await post(target, stopUrl, { ...json, 'x-management-key': 'nope' })).statusCode).toBe(401);
    expect((await target.inject({ method: 'POST', url: stopUrl, headers: json, payload: '{}', remoteAddress: '10.1.2.3' })).statusCode).toBe(403);
    expect(control.status.state).toBe('running');
  });

  it('accepts the right key as Bearer or X-Management-Key and returns a ControlResult', async () => {
    const { app: target } = build();
    const json = { 'content-type': 'application/json' };
    const variants: Array<Record<string, string>> = [{ authorization: `Bearer ${SECRET}` }, { 'x-management-key': SECRET }];
    for (const headers of variants) {
      const response = await post(target, STATUS_URL, { ...json, ...headers });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ ok: true, value: { state: 'running', port: 8317 } });
    }
  });

  it('answers a bare 404 on every /v0/management path when the secret is empty', async () => {
    const { app: target } = build({ getSecret: () => '' });
    target.get('/v0/management/config', async () => 'registered later by the engine');
    const headers = { 'content-type': 'application/json', authorization: 'Bearer anything' };
    for (const url of [STATUS_URL, '/v0/management/config', '/v0/management/unknown', '/v0/%6Danagement/config']) {
      const response = await target.inject({ method: 'GET', url, headers, remoteAddress: '127.0.0.1' });
      expect(response.statusCode, url).toBe(404);
      expect(response.body, url).toBe('');
    }
    expect((await post(target, STATUS_URL, headers)).statusCode).toBe(404);
  });

  it('refuses a non-loopback socket with 403 even with the right key and a forged X-Forwarded-For', async () => {
    const { app: target } = build();
    const response = await target.inject({
      method: 'POST',
      url: STATUS_URL,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${SECRET}`, 'x-forwarded-for': '127.0.0.1' },
      payload: '{}',
      remoteAddress: '192.168.1.20',
    });
    expect(response.statusCode).toBe(403);
  });

  it('lets a remote caller with the right key in when allowRemote()', async () => {
    const { app: target } = build({ allowRemote: () => true });
    const response = await target.inject({
      method: 'POST',
      url: STATUS_URL,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${SECRET}` },
      payload: '{}',
      remoteAddress: '192.168.1.20',
    });
    expect(response.statusCode).toBe(200);
  });

  it('accepts IPv6 and IPv4-mapped loopback sockets', async () => {
    const { app: target } = build();
    for (const remoteAddress of ['::1', '::ffff:127.0.0.1']) {
      const response = await target.inject({
        method: 'POST',
        url: STATUS_URL,
        headers: { 'content-type': 'application/json', 'x-management-key': SECRET },
        payload: '{}',
        remoteAddress,
      });
      expect(response.statusCode, remoteAddress).toBe(200);
    }
  });
});

describe('registerControlRoutes: operations', () => {
  const authed = { 'content-type': 'application/json', authorization: `Bearer ${SECRET}` };

  it('runs proxy.stop and proxy.start through the ControlApi', async () => {
    const { app: target, control } = build();
    expect((await post(target, '/v0/management/control/proxy.stop', authed)).json()).toMatchObject({
      ok: true,
      value: { state: 'stopped', baseUrl: null },
    });
    expect(control.status.state).toBe('stopped');
  });

  it('rejects an unknown operation and invalid input with ControlResult errors', async () => {
    const { app: target } = build();
    const unknown = await post(target, '/v0/management/control/config.delete', authed);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ ok: false, error: { code: 'UNKNOWN_OPERATION' } });
    const invalid = await post(target, STATUS_URL, authed, { surprise: true });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('wraps an engine failure without its stack or secrets', async () => {
    const { app: target, control } = build();
    const failure = new Error('listen EADDRINUSE 127.0.0.1:8317 with key sk-live-1234567890abcdef\n    at Server.listen');
    control.failNextWith = failure;
    const response = await post(target, '/v0/management/control/proxy.start', authed);
    expect(response.statusCode).toBe(500);
    const body = response.json() as { ok: false; error: { code: string; message: string } };
    expect(body.error.code).toBe('FAILED');
    expect(body.error.message).toContain('EADDRINUSE');
    expect(body.error.message).not.toContain('sk-live');
    expect(body.error.message).not.toContain('at Server.listen');
  });
});

describe('registerControlRoutes: control panel', () => {
  it('serves /management.html and its assets with a CSP', async () => {
    const { app: target } = build();
    const page = await target.inject({ url: '/management.html' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    const asset = await target.inject({ url: '/management/assets/index-abc.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-type']).toContain('text/javascript');
  });

  it('refuses path traversal out of the assets folder', async () => {
    const { app: target } = build();
    for (const url of [
      '/management/assets/../../secret.txt',
      '/management/assets/..%2F..%2Fsecret.txt',
      '/management/assets/%2e%2e/%2e%2e/secret.txt',
      '/management/assets/..\\..\\secret.txt',
      '/management/assets/.%00/x',
    ]) {
      const response = await target.inject({ url });
      expect(response.statusCode, url).toBe(404);
      expect(response.body, url).not.toContain('outside assets');
    }
  });

  it('answers 404 when the panel is disabled or has no folder', async () => {
    const disabled = build({ disableControlPanel: () => true }).app;
    expect((await disabled.inject({ url: '/management.html' })).statusCode).toBe(404);
    await disabled.close();
    const { app: noDir } = build({ controlPanelDir: undefined });
    expect((await noDir.inject({ url: '/management.html' })).statusCode).toBe(404);
    expect((await noDir.inject({ url: '/management/assets/index-abc.js' })).statusCode).toBe(404);
  });
});
