import { describe, expect, it } from 'vitest';
import { defaultAppSettings, type AppSettings } from '../../src-shared/control/app-settings';
import { createFakeControlApi } from '../../src-proxy/management/create-fake-control-api.fixture';
import { dispatchControlOperation } from '../../src-proxy/management/dispatch-control-operation';
import type { UpdateState } from '../../src-shared/control/update-types';
import { withAppOperations, type AppUpdates } from './with-app-operations';

const idle: UpdateState = { currentVersion: '0.1.0', automatic: true, status: { state: 'idle' } };
const noUpdates: AppUpdates = { state: () => idle, check: async () => idle, onChange: () => () => undefined };

describe('withAppOperations', () => {
  it('answers settings.get/set from the app and passes everything else to the engine', async () => {
    let settings: AppSettings = defaultAppSettings;
    const stops: string[] = [];
    const control = withAppOperations(createFakeControlApi(), {
      getSettings: () => settings,
      setSettings: (update) => (settings = { ...settings, ...update }),
      onStopRequested: () => stops.push('stop'),
      updates: noUpdates,
    });
    expect(await dispatchControlOperation(control, 'settings.set', { closeToTray: false })).toEqual({ ok: true, value: { ...defaultAppSettings, closeToTray: false } });
    expect(await dispatchControlOperation(control, 'settings.get', {})).toEqual({ ok: true, value: { ...defaultAppSettings, closeToTray: false } });
    expect(await dispatchControlOperation(control, 'status.get', {})).toMatchObject({ ok: true, value: { state: 'running' } });
    expect(stops).toEqual([]);
    expect(await dispatchControlOperation(control, 'proxy.stop', {})).toMatchObject({ ok: true, value: { state: 'stopped' } });
    expect(stops).toEqual(['stop']);
  });

  it('rejects an invalid settings update before it reaches the store', async () => {
    const control = withAppOperations(createFakeControlApi(), {
      getSettings: () => defaultAppSettings,
      setSettings: () => {
        throw new Error('must not be called');
      },
      onStopRequested: () => undefined,
      updates: noUpdates,
    });
    expect(await dispatchControlOperation(control, 'settings.set', { quotaThresholdPercent: 500 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await dispatchControlOperation(control, 'settings.set', { unknown: true })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('answers updates.get/check from the app updater and delivers updates.changed to subscribers', async () => {
    const listeners = new Set<(state: UpdateState) => void>();
    const checks: string[] = [];
    const ready: UpdateState = { ...idle, status: { state: 'ready', version: '0.2.0' } };
    const control = withAppOperations(createFakeControlApi(), {
      getSettings: () => defaultAppSettings,
      setSettings: () => defaultAppSettings,
      onStopRequested: () => undefined,
      updates: {
        state: () => idle,
        check: async (trigger) => (checks.push(trigger), ready),
        onChange: (listener) => (listeners.add(listener), () => listeners.delete(listener)),
      },
    });
    expect(await dispatchControlOperation(control, 'updates.get', {})).toEqual({ ok: true, value: idle });
    expect(await dispatchControlOperation(control, 'updates.check', {})).toEqual({ ok: true, value: ready });
    expect(checks).toEqual(['user']);
    const heard: UpdateState[] = [];
    const off = control.on('updates.changed', (state) => heard.push(state));
    for (const listener of listeners) listener(ready);
    off();
    expect(heard).toEqual([ready]);
    expect(listeners.size).toBe(0);
  });
});
