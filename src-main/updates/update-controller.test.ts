import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { UpdateStatus } from '../../src-shared/control/update-types';
import { startFakeUpdateFeed, type FakeUpdateFeed } from '../../test/fakes/fake-update-feed';
import { createGenericFeedSource } from '../../test/fakes/generic-feed-source';
import { createUpdateController, describeUpdateError, type UpdateController } from './update-controller';
import type { UpdateSupport } from './update-support';

/** The update decisions driven against a generic-provider feed served on 127.0.0.1. */
let feed: FakeUpdateFeed;
let downloadDir: string;
beforeAll(async () => {
  feed = await startFakeUpdateFeed();
});
afterAll(async () => {
  await feed.close();
});
beforeEach(async () => {
  downloadDir = await mkdtemp(join(tmpdir(), 'cliproxy-updates-'));
  feed.requests.length = 0;
  feed.setMode('ok');
  feed.publish({ version: '0.2.0', fileName: 'CLI-Proxy-Desktop-0.2.0.AppImage', bytes: Buffer.alloc(256 * 1024, 7) });
});
afterEach(async () => {
  await rm(downloadDir, { recursive: true, force: true });
});

interface Setup {
  automatic?: boolean;
  support?: UpdateSupport;
  currentVersion?: string;
}

function setup(options: Setup = {}): { controller: UpdateController; statuses: UpdateStatus[]; installed: string[] } {
  const installed: string[] = [];
  const automatic = options.automatic ?? true;
  const source = createGenericFeedSource({ feedUrl: feed.url, channelFile: 'latest-linux.yml', currentVersion: options.currentVersion ?? '0.1.0', downloadDir, onInstallNow: (file) => installed.push(file) });
  const controller = createUpdateController({ support: options.support ?? { supported: true }, source, currentVersion: options.currentVersion ?? '0.1.0', automatic: () => automatic, now: () => 1_000 });
  const statuses: UpdateStatus[] = [];
  controller.onChange((state) => statuses.push(state.status));
  return { controller, statuses, installed };
}

describe('update controller against a generic feed', () => {
  it('newer version: checks, downloads in the background with progress, verifies, then is ready to install on quit', async () => {
    const { controller, statuses, installed } = setup();
    expect(controller.state().status).toEqual({ state: 'idle' });
    const state = await controller.check('automatic');
    expect(state).toEqual({ currentVersion: '0.1.0', automatic: true, status: { state: 'ready', version: '0.2.0' } });
    expect(feed.requests).toEqual(['/latest-linux.yml', '/CLI-Proxy-Desktop-0.2.0.AppImage']);
    expect(statuses[0]).toEqual({ state: 'checking' });
    expect(statuses[1]).toEqual({ state: 'downloading', version: '0.2.0', percent: 0 });
    const percents = statuses.flatMap((status) => (status.state === 'downloading' ? [status.percent] : []));
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(new Set(percents).size).toBe(percents.length);
    expect(percents.at(-1)).toBe(100);
    expect(statuses.at(-1)).toEqual({ state: 'ready', version: '0.2.0' });
    // Buffer.equals: a deep toEqual over 256 KiB takes seconds.
    expect((await readFile(join(downloadDir, 'CLI-Proxy-Desktop-0.2.0.AppImage'))).equals(Buffer.alloc(256 * 1024, 7))).toBe(true);

    // Ready: no further checks until the app restarts into the new version; Restart installs it.
    await controller.check('user');
    expect(feed.requests).toHaveLength(2);
    controller.installNow();
    expect(installed).toEqual([join(downloadDir, 'CLI-Proxy-Desktop-0.2.0.AppImage')]);
  });

  it('same version: up to date, nothing downloaded', async () => {
    const { controller } = setup({ currentVersion: '0.2.0' });
    expect((await controller.check('user')).status).toEqual({ state: 'up-to-date', checkedAt: 1_000 });
    expect(feed.requests).toEqual(['/latest-linux.yml']);
  });

  it('an older version in the feed is not offered', async () => {
    const { controller } = setup({ currentVersion: '0.10.0' });
    expect((await controller.check('user')).status.state).toBe('up-to-date');
  });

  it.each([
    ['http-500', /^Could not check for updates: Cannot find latest-linux\.yml in the feed \(HTTP 500\):$/],
    ['not-yaml', /^Could not check for updates: /],
    ['wrong-sha512', /^Could not download the update: sha512 checksum mismatch/],
  ] as const)('broken feed (%s): an error state with a one-line reason, no crash, and the next check starts over', async (mode, message) => {
    const { controller } = setup();
    feed.setMode(mode);
    const failed = await controller.check('automatic');
    expect(failed.status).toMatchObject({ state: 'error', at: 1_000 });
    const text = failed.status.state === 'error' ? failed.status.message : '';
    expect(text).toMatch(message);
    expect(text).not.toContain('\n');
    expect(text).not.toContain('<html>');
    feed.setMode('ok');
    expect((await controller.check('user')).status).toEqual({ state: 'ready', version: '0.2.0' });
  });

  it('a feed that does not answer at all is an error state too', async () => {
    const closed = await startFakeUpdateFeed();
    await closed.close();
    const controller = createUpdateController({
      support: { supported: true },
      source: createGenericFeedSource({ feedUrl: closed.url, channelFile: 'latest.yml', currentVersion: '0.1.0', downloadDir, onInstallNow: () => undefined }),
      currentVersion: '0.1.0',
      automatic: () => true,
    });
    expect((await controller.check('automatic')).status).toMatchObject({ state: 'error', message: expect.stringMatching(/^Could not check for updates: /) });
  });

  it('setting off: no automatic check reaches the feed; a check the user asks for still runs', async () => {
    const { controller, statuses } = setup({ automatic: false });
    expect(await controller.check('automatic')).toEqual({ currentVersion: '0.1.0', automatic: false, status: { state: 'idle' } });
    expect(feed.requests).toEqual([]);
    expect(statuses).toEqual([]);
    expect((await controller.check('user')).status.state).toBe('ready');
  });

  it('unsupported install (deb, unsigned macOS, development): says why and never touches the feed', async () => {
    const reason = 'Installed from the .deb package: install a newer .deb from the releases page to update.';
    const { controller } = setup({ support: { supported: false, reason } });
    expect((await controller.check('user')).status).toEqual({ state: 'unsupported', reason });
    controller.installNow();
    expect(feed.requests).toEqual([]);
  });

  it('checks asked for while one runs share it (one request to the feed)', async () => {
    const { controller } = setup({ currentVersion: '0.2.0' });
    const [first, second] = await Promise.all([controller.check('automatic'), controller.check('user')]);
    expect(first).toEqual(second);
    expect(feed.requests).toEqual(['/latest-linux.yml']);
  });
});

describe('describeUpdateError', () => {
  it('keeps one bounded line and drops query strings that could carry a token', () => {
    const error = new Error(`HttpError: 404 Not Found "method: GET url: https://example.invalid/releases/latest.yml?token=secret-value"\n\nHeaders: {"set-cookie": "x"}`);
    const text = describeUpdateError(error, 'check');
    expect(text).toBe('Could not check for updates: HttpError: 404 Not Found "method: GET url: https://example.invalid/releases/latest.yml');
    expect(describeUpdateError(new Error('x'.repeat(500)), 'download').length).toBeLessThan(240);
  });
});

describe('update setting', () => {
  it('turning automatic updates on tells the listeners and checks at once; turning it off checks nothing', async () => {
    let automatic = false;
    const checks: string[] = [];
    const controller = createUpdateController({
      support: { supported: true },
      source: { check: async () => (checks.push('check'), null), download: async () => undefined, installNow: () => undefined },
      currentVersion: '0.1.0',
      automatic: () => automatic,
    });
    const seen: boolean[] = [];
    controller.onChange((state) => seen.push(state.automatic));
    controller.settingChanged();
    expect(checks).toEqual([]);
    automatic = true;
    controller.settingChanged();
    await expect.poll(() => controller.state().status.state).toBe('up-to-date');
    expect(checks).toEqual(['check']);
    expect(seen.slice(0, 2)).toEqual([false, true]);
  });
});
