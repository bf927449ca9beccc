import { describe, expect, it } from 'vitest';
import { defaultAppSettings, defaultAppSettingsFor, readAppSettings } from './app-settings';

describe('readAppSettings', () => {
  it('defaults everything for nothing stored', () => {
    expect(readAppSettings(undefined)).toEqual(defaultAppSettings);
  });

  it('keeps valid stored fields and defaults invalid or unknown ones', () => {
    expect(readAppSettings({ closeToTray: false, quotaThresholdPercent: 500, theme: 'dark', legacy: 1 })).toEqual({
      ...defaultAppSettings,
      closeToTray: false,
      theme: 'dark',
    });
  });

  it('on Linux closing the window quits by default (a tray may not exist there); a stored choice wins', () => {
    expect(defaultAppSettingsFor('linux').closeToTray).toBe(false);
    expect(defaultAppSettingsFor('darwin').closeToTray).toBe(true);
    expect(defaultAppSettingsFor('win32').closeToTray).toBe(true);
    expect(readAppSettings({}, defaultAppSettingsFor('linux')).closeToTray).toBe(false);
    expect(readAppSettings({ closeToTray: true }, defaultAppSettingsFor('linux')).closeToTray).toBe(true);
  });
});
