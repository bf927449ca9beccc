import { z } from 'zod';

/**
 * Preferences of the desktop app itself (not the engine's config.yaml): stored by Electron main in
 * electron-store. The web control panel has none of these.
 */
export const appSettingsSchema = z
  .object({
    /** Start the proxy when the app launches. */
    startProxyOnLaunch: z.boolean(),
    /** Open the app (hidden, in the tray) when the user logs in to the computer. */
    launchAtLogin: z.boolean(),
    /** Closing the dashboard keeps the app in the tray (otherwise it quits). */
    closeToTray: z.boolean(),
    notifyLogins: z.boolean(),
    notifyAccountProblems: z.boolean(),
    notifyProxyStopped: z.boolean(),
    notifyQuota: z.boolean(),
    /** Notify when an account's remaining quota in a window falls below this many percent. */
    quotaThresholdPercent: z.number().int().min(1).max(90),
    /** Notify (once per window) when a window's forecast runs out before its reset within this many minutes. */
    quotaForecastLeadMinutes: z.number().int().min(5).max(1440),
    theme: z.enum(['system', 'light', 'dark']),
    /** Hide account emails (screenshots, screen sharing). */
    maskEmails: z.boolean(),
    /** Check for updates at launch and every few hours, download them in the background, install on quit. */
    autoUpdate: z.boolean(),
  })
  .strict();

export type AppSettings = z.infer<typeof appSettingsSchema>;

export const defaultAppSettings: AppSettings = {
  startProxyOnLaunch: true,
  launchAtLogin: false,
  closeToTray: true,
  notifyLogins: true,
  notifyAccountProblems: true,
  notifyProxyStopped: true,
  notifyQuota: true,
  quotaThresholdPercent: 10,
  quotaForecastLeadMinutes: 60,
  theme: 'system',
  maskEmails: false,
  autoUpdate: true,
};

/**
 * The defaults on one platform. Linux desktops may have no tray at all (and Electron cannot tell), so
 * closing the window quits there unless the user turns "close to tray" on: never an invisible app.
 */
export function defaultAppSettingsFor(platform: string): AppSettings {
  return { ...defaultAppSettings, closeToTray: platform !== 'linux' };
}

/** Stored settings may be from an older version or hand-edited: keep each valid field, default the rest. */
export function readAppSettings(stored: unknown, defaults: AppSettings = defaultAppSettings): AppSettings {
  const result: Record<string, unknown> = { ...defaults };
  if (stored !== null && typeof stored === 'object') {
    for (const [key, field] of Object.entries(appSettingsSchema.shape)) {
      const value = (stored as Record<string, unknown>)[key];
      if (field.safeParse(value).success) result[key] = value;
    }
  }
  return result as AppSettings;
}
