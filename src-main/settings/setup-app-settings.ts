import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Store from 'electron-store';
import { defaultAppSettingsFor, readAppSettings, type AppSettings } from '../../src-shared/control/app-settings';

export interface AppSettingsHandle {
  get(): AppSettings;
  /** Merges a validated partial update, stores it, tells the listeners; returns the new settings. */
  set(update: Partial<AppSettings>): AppSettings;
  onChange(listener: (settings: AppSettings) => void): () => void;
  /** Set when the settings file could not be read: where the damaged file was kept (defaults are in use). */
  recoveredFrom: string | null;
}

const storeName = 'app-settings';

/**
 * electron-store (in `folder`, the app data folder, separate from config.yaml) behind a small typed
 * handle. A file that is not JSON makes electron-store throw, which would stop the app at launch: it is
 * kept as `app-settings.corrupt-<time>.json` and the app starts with defaults.
 */
export function setupAppSettings(folder: string, now: () => number = Date.now): AppSettingsHandle {
  let recoveredFrom: string | null = null;
  let store: Store<{ settings: unknown }>;
  try {
    store = new Store<{ settings: unknown }>({ name: storeName, cwd: folder });
  } catch {
    const file = join(folder, `${storeName}.json`);
    recoveredFrom = join(folder, `${storeName}.corrupt-${now()}.json`);
    copyFileSync(file, recoveredFrom);
    rmSync(file, { force: true });
    store = new Store<{ settings: unknown }>({ name: storeName, cwd: folder });
  }
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
    recoveredFrom,
  };
}
