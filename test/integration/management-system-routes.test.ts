import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestEngine, type TestEngine } from './start-test-engine';

/**
 * The routes the official panel's system pages need and the ways to use that panel (docs/management-api.md#system,
 * docs/management-api.md#using-the-official-panel): `GET /latest-version` from a local release feed,
 * `GET /plugins`, the CORS allowlist, and `remote-management.panel-file`.
 */
const secret = 'mgmt-secret-system-routes';
const auth = { authorization: `Bearer ${secret}` };
let feed: Server;
let feedUrl: string;
let feedAnswer: { status: number; body: string } = { status: 200, body: '{}' };
let proxy: TestEngine | undefined;

beforeAll(async () => {
  feed = createServer((_request, response) => response.writeHead(feedAnswer.status, { 'content-type': 'application/json' }).end(feedAnswer.body));
  await new Promise<void>((resolve) => feed.listen(0, '127.0.0.1', resolve));
  feedUrl = `http://127.0.0.1:${(feed.address() as AddressInfo).port}/repos/owner/app/releases/latest`;
});
afterAll(() => new Promise<void>((resolve) => feed.close(() => resolve())));
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
});

async function start(remoteManagement: Record<string, unknown> = {}): Promise<TestEngine> {
  proxy = await startTestEngine({ 'remote-management': { 'secret-key': secret, ...remoteManagement } });
  return proxy;
}

async function latestVersion(engine: TestEngine): Promise<unknown> {
  const response = await fetch(`${engine.origin}/v0/management/latest-version`, { headers: auth });
  expect(response.status).toBe(200);
  return response.json();
}

describe('GET /latest-version and GET /plugins', () => {
  it('reads the tag of the configured release feed; without a usable feed it says "unknown" and why', async () => {
    expect(await latestVersion(await start())).toEqual({ 'latest-version': 'unknown', message: 'no release feed configured (remote-management.release-feed-url)' });
    await proxy?.close();
    const engine = await start({ 'release-feed-url': feedUrl });
    feedAnswer = { status: 200, body: JSON.stringify({ tag_name: 'v1.4.2', name: 'Release 1.4.2' }) };
    expect(await latestVersion(engine)).toEqual({ 'latest-version': 'v1.4.2' });
    feedAnswer = { status: 200, body: JSON.stringify({ name: '1.5.0' }) };
    expect(await latestVersion(engine)).toEqual({ 'latest-version': '1.5.0' });
    feedAnswer = { status: 503, body: '{"message":"busy"}' };
    expect(await latestVersion(engine)).toEqual({ 'latest-version': 'unknown', message: 'release feed answered 503' });
    feedAnswer = { status: 200, body: '<html>' };
    expect(await latestVersion(engine)).toEqual({ 'latest-version': 'unknown', message: 'release feed answer is not JSON' });
  });

  it('an unreachable feed (offline) is "unknown", not an error', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const engine = await start({ 'release-feed-url': `http://127.0.0.1:${port}/latest` });
    expect(await latestVersion(engine)).toEqual({ 'latest-version': 'unknown', message: 'release feed unreachable' });
  });

  it('GET /plugins is an empty list in CPA shape, behind the key', async () => {
    const engine = await start();
    const response = await fetch(`${engine.origin}/v0/management/plugins`, { headers: auth });
    expect(await response.json()).toEqual({ plugins_enabled: false, plugins_dir: '', plugins: [] });
    expect((await fetch(`${engine.origin}/v0/management/plugins`)).status).toBe(401);
  });
});

describe('CORS on /v0/management: closed unless remote-management.allowed-origins lists the origin', () => {
  const listed = 'http://panel.example.test:8080';
  const preflight = (engine: TestEngine, origin: string) =>
    fetch(`${engine.origin}/v0/management/config`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    });

  it('by default a preflight is refused (401) and no answer carries CORS headers', async () => {
    const engine = await start();
    const refused = await preflight(engine, listed);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    const answer = await fetch(`${engine.origin}/v0/management/config`, { headers: { ...auth, origin: listed } });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('a listed origin gets 204 for its preflight and CORS headers on keyed answers; another origin still does not', async () => {
    const engine = await start({ 'allowed-origins': ['HTTP://Panel.Example.Test:8080/'] });
    const allowed = await preflight(engine, listed);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(listed);
    expect(allowed.headers.get('access-control-allow-headers')).toBe('Authorization, Content-Type, X-Management-Key');
    expect(allowed.headers.get('access-control-allow-methods')).toContain('PATCH');
    expect(allowed.headers.get('vary')).toBe('Origin');
    const answer = await fetch(`${engine.origin}/v0/management/config`, { headers: { ...auth, origin: listed } });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('access-control-allow-origin')).toBe(listed);
    expect(answer.headers.get('access-control-expose-headers')).toContain('X-CPA-VERSION');
    const keyless = await fetch(`${engine.origin}/v0/management/config`, { headers: { origin: listed } });
    expect(keyless.status).toBe(401);
    expect((await preflight(engine, 'http://evil.example.test')).status).toBe(401);
  });
});

describe('remote-management.panel-file', () => {
  it('serves the chosen file at /management.html (relative to config.yaml), 404 when missing or the panel is disabled', async () => {
    const engine = await start({ 'panel-file': 'official/management.html' });
    expect((await fetch(`${engine.origin}/management.html`)).status).toBe(404);
    await mkdir(join(engine.configPath, '..', 'official'));
    await writeFile(join(engine.configPath, '..', 'official', 'management.html'), '<!doctype html><title>official</title><script>1</script>');
    const page = await fetch(`${engine.origin}/management.html`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBeNull();
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(await page.text()).toContain('<title>official</title>');
    await proxy?.close();
    const disabled = await start({ 'panel-file': 'official/management.html', 'disable-control-panel': true });
    expect((await fetch(`${disabled.origin}/management.html`)).status).toBe(404);
  });
});
