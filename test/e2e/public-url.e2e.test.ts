import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installFakeCloudflared, type FakeCloudflared } from '../fakes/fake-cloudflared';
import type { FakeOpenAIUpstream } from '../fakes/fake-openai-types';
import { browserAvailable, CLIENT_KEY, goToPage, newContext, openSignedIn, screenshot, startBrowserStage, watchForErrors, type BrowserStage, type PanelEngine } from './e2e-harness';

/**
 * The Connect page's Cursor card in headless Chromium against a real engine whose cloudflared is the
 * fake (a loopback forwarder that prints a trycloudflare.com address): start the public URL, read the
 * Cursor settings, run Test (the engine calls the public address, mapped to the fake's port), see the
 * dashboard say the proxy is public, stop it.
 */
let folder: string;
let fake: FakeCloudflared;
let upstream: FakeOpenAIUpstream;
let panel: PanelEngine;
let browser: Browser;
let stage: BrowserStage | undefined;

describe.skipIf(!browserAvailable)('Public URL for Cursor in the browser', () => {
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'cliproxy-e2e-tunnel-'));
    fake = await installFakeCloudflared(folder);
    stage = await startBrowserStage('upstream', {
      config: (upstreamUrl) => ({ 'openai-compatibility': [{ name: 'fake', 'base-url': upstreamUrl, 'api-key-entries': [{ 'api-key': 'up-key-1' }], models: [{ name: 'real-model', alias: 'my-model' }] }] }),
      tunnel: { pathEnv: fake.binDir, resolveOrigin: fake.resolveOrigin, readyTimeoutMs: 10_000 },
    });
    ({ upstream, panel, browser } = stage);
  }, 120_000);

  afterAll(async () => {
    await stage?.close();
    await rm(folder, { recursive: true, force: true });
  }, 60_000);

  it('starts the (fake) quick tunnel, shows the URL and the Cursor settings, and Test answers through the tunnel', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const errors = watchForErrors(page);
    await openSignedIn(page, panel.origin, 'connect');
    const card = page.getByRole('region', { name: 'Cursor', exact: true });
    await expect.poll(() => card.getByRole('status', { name: 'Public URL state' }).innerText()).toMatch(/^Off/);
    await card.getByRole('radio', { name: 'Quick tunnel (Cloudflare, no account)' }).check();
    await card.getByRole('button', { name: 'Start public URL' }).click();

    const state = card.getByRole('status', { name: 'Public URL state' });
    await expect.poll(() => state.innerText(), { timeout: 15_000 }).toMatch(/^Public at https:\/\/[a-z0-9-]+\.trycloudflare\.com$/);
    const publicUrl = (await state.innerText()).replace('Public at ', '');
    expect(await card.getByLabel('Cursor base URL', { exact: true }).innerText()).toBe(`${publicUrl}/v1`);
    expect(await card.getByRole('list', { name: 'Models to add in Cursor' }).innerText()).toContain('my-model');
    const masked = await card.getByLabel('Public key', { exact: true }).innerText();
    expect(masked).toContain('…');

    await card.getByRole('button', { name: 'Test', exact: true }).click();
    const result = card.getByRole('status', { name: 'Test result' });
    await expect.poll(() => result.innerText(), { timeout: 15_000 }).toMatch(/^Answered in \d+ ms: Hello from upstream/);
    // It really went through the forwarder to the tunnel listener: the upstream saw the request.
    expect(upstream.requests.some((request) => request.path === '/v1/chat/completions')).toBe(true);
    await screenshot(page, 'connect-public-url');

    // The full key is never in the page; neither is the local client key.
    const { key } = await panel.engine.control.invoke('tunnel.revealKey', {});
    const html = await page.content();
    expect(key).not.toBeNull();
    expect(html).not.toContain(key ?? 'no key');
    expect(html).not.toContain(CLIENT_KEY);

    await goToPage(page, 'Dashboard');
    const banner = page.getByRole('status', { name: 'Public URL' });
    await expect.poll(() => banner.innerText()).toContain(`The proxy is public at ${publicUrl}`);
    await banner.getByRole('button', { name: 'Stop public URL' }).click();
    await expect.poll(() => banner.count()).toBe(0);
    expect(panel.engine.tunnel.current().state).toBe('off');
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
