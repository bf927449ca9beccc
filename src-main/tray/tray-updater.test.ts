import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EngineStatus } from '../../src-shared/engine-status';
import type { TrayState } from './build-tray-menu';
import type { TrayMenuItem } from './tray-menu-item';
import { createTrayUpdater, trayUpdateIntervalMs } from './tray-updater';

const running: EngineStatus = { state: 'running', host: '127.0.0.1', port: 8317, baseUrl: 'http://127.0.0.1:8317/v1', accounts: 1, error: null, requestsServed: 0, teamStore: false };

function setup(platform: NodeJS.Platform = 'linux') {
  const state: TrayState = { status: running, requestsToday: 0, launchAtLogin: false, launchAtLoginSupported: true, update: { state: 'idle' }, logins: [] };
  const calls = { image: [] as string[], tooltip: [] as string[], menu: [] as TrayMenuItem[][] };
  const updater = createTrayUpdater({
    state: () => state,
    platform,
    minIntervalMs: trayUpdateIntervalMs(platform),
    sink: { setImage: (file) => calls.image.push(file), setToolTip: (text) => calls.tooltip.push(text), setMenu: (items) => calls.menu.push(items) },
  });
  return { state, calls, updater };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('tray updater', () => {
  it('tray rebuilt on every proxied request: 500 requests in a second give at most one update per interval, none synchronously', () => {
    const { state, calls, updater } = setup('linux');
    updater.flush();
    expect(calls.menu).toHaveLength(1);
    for (let index = 0; index < 500; index += 1) {
      state.requestsToday = (state.requestsToday ?? 0) + 1;
      updater.request();
      expect(calls.menu).toHaveLength(1 + Math.floor(index / 1000));
      vi.advanceTimersByTime(2);
    }
    vi.advanceTimersByTime(5000);
    // 1 s of traffic at a 2 s interval: the first draw, then one coalesced update.
    expect(calls.menu.length).toBeLessThanOrEqual(2);
    expect(calls.menu.at(-1)?.[0]).toMatchObject({ label: expect.stringContaining('500 requests today') });
  });

  it('tray icon flicker: the image is set only when the icon state changes', () => {
    const { state, calls, updater } = setup('darwin');
    updater.flush();
    state.requestsToday = 5;
    updater.request();
    vi.advanceTimersByTime(1000);
    expect(calls.image).toEqual(['tray-runningTemplate.png']);
    state.status = { ...running, state: 'stopped', baseUrl: null };
    updater.request();
    vi.advanceTimersByTime(1000);
    expect(calls.image).toEqual(['tray-runningTemplate.png', 'tray-stoppedTemplate.png']);
  });

  it('does not rebuild a menu that did not change', () => {
    const { calls, updater } = setup('win32');
    updater.flush();
    updater.request();
    vi.advanceTimersByTime(1000);
    expect(calls.menu).toHaveLength(1);
    expect(calls.tooltip).toHaveLength(1);
  });
});
