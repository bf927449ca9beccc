import { describe, expect, it } from 'vitest';
import { defaultAppSettings, readAppSettings } from './app-settings';

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
});
