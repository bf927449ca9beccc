import { describe, expect, it } from 'vitest';
import { defaultAppSettings, type AppSettings } from '../../src-shared/control/app-settings';
import { createFakeControlApi } from '../../src-proxy/management/create-fake-control-api.fixture';
import { dispatchControlOperation } from '../../src-proxy/management/dispatch-control-operation';
import { withAppOperations } from './with-app-operations';

describe('withAppOperations', () => {
  it('answers settings.get/set from the app and passes everything else to the engine', async () => {
    let settings: AppSettings = defaultAppSettings;
    const stops: string[] = [];
    const control = withAppOperations(createFakeControlApi(), {
      getSettings: () => settings,
      setSettings: (update) => (settings = { ...settings, ...update }),
      onStopRequested: () => stops.push('stop'),
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
    });
    expect(await dispatchControlOperation(control, 'settings.set', { quotaThresholdPercent: 500 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await dispatchControlOperation(control, 'settings.set', { unknown: true })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});
