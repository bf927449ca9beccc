import Store from 'electron-store';
import { defaultAppSettingsFor, readAppSettings, type AppSettings } from '../../src-shared/control/app-settings';

export interface AppSettingsHandle {
  get(): AppSettings;
  /** Merges a validated partial update, stores it, tells the listeners; returns the new settings. */
  set(update: Partial<AppSettings>): AppSettings;
  onChange(listener: (settings: AppSettings) => void): () => void;
}

/** electron-store (app data folder, separate from config.yaml) behind a small typed handle. */
export function setupAppSettings(): AppSettingsHandle {
  const store = new Store<{ settings: unknown }>({ name: 'app-settings' });
  let current = readAppSettings(store.get('settings'), defaultAppSettingsFor(process.platform));
  const listeners = new Set<(settings: AppSettings) => void>();
  return {
    get: () => current,
    set(update) {
      current = { ...current, ...update };
      store.set('settings', current);
      for (const listener of listeners) listener(current);
      return current;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
