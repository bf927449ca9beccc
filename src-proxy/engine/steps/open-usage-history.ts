import { renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Logger } from 'pino';
import type { EngineConfig } from '../../config/engine-config';
import { UsageStore } from '../../usage/usage-store';

export interface UsageHistoryPlace {
  /** EngineOptions.usagePath; default `usage.sqlite` beside config.yaml. */
  usagePath: string | undefined;
  configPath: string;
  sqliteNativeBinding: string | undefined;
}

/** Usage history lives beside config.yaml (the engine's data folder) unless EngineOptions.usagePath says otherwise. */
export function usagePathFor(place: Pick<UsageHistoryPlace, 'usagePath' | 'configPath'>): string {
  return place.usagePath ?? join(dirname(place.configPath), 'usage.sqlite');
}

/** Usage history lives beside config.yaml (the engine's data folder) and survives restarts and crashes. */
export function openUsageHistoryFor(place: UsageHistoryPlace, config: EngineConfig, logger: Logger): UsageStore | undefined {
  const path = usagePathFor(place);
  return openUsageHistory(path, { enabled: config.usageStatisticsEnabled, nativeBinding: place.sqliteNativeBinding }, logger);
}

/**
 * A damaged history file (or one from a newer app version) must not keep the proxy from starting: it is
 * moved aside, kept for the user, and a fresh history begins. If SQLite itself cannot load (a native
 * module built for another Node ABI), the engine runs without usage history and says so.
 */
function openUsageHistory(path: string, settings: { enabled: boolean; nativeBinding: string | undefined }, logger: Logger): UsageStore | undefined {
  const options = {
    enabled: settings.enabled,
    ...(settings.nativeBinding ? { nativeBinding: settings.nativeBinding } : {}),
    onError: (error: unknown) => logger.error({ error: String(error) }, 'usage history write failed'),
  };
  try {
    return UsageStore.open(path, options);
  } catch (error) {
    if (isNativeModuleError(error)) {
      logger.error({ error: String(error) }, 'usage history is off: SQLite could not be loaded in this runtime');
      return undefined;
    }
    const aside = `${path}.unreadable-${Date.now()}`;
    renameSync(path, aside);
    logger.error({ error: String(error), movedTo: aside }, 'usage history could not be opened; it was moved aside and a new one started');
    return UsageStore.open(path, options);
  }
}

function isNativeModuleError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ERR_DLOPEN_FAILED' || /NODE_MODULE_VERSION|self-register|could not locate the bindings file/i.test(String(error));
}
