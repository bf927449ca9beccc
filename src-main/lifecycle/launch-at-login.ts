import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The argument the login item starts the app with where the OS passes one (Windows, Linux autostart). */
export const hiddenArg = '--hidden';

/** What `app.getLoginItemSettings()` says, as far as this needs it. */
export interface LoginItemFacts {
  /** macOS only (https://www.electronjs.org/docs/latest/api/app#appgetloginitemsettingsoptions-macos-windows). */
  wasOpenedAtLogin?: boolean;
}

/**
 * Whether this launch came from launch at login (so: tray only, no window). Windows and Linux autostart
 * pass `--hidden`; macOS login items take no arguments (`args` is Windows-only in setLoginItemSettings),
 * so there only `wasOpenedAtLogin` tells.
 */
export function wasLaunchedAtLogin(platform: NodeJS.Platform, argv: readonly string[], loginItem: () => LoginItemFacts): boolean {
  if (argv.includes(hiddenArg)) return true;
  return platform === 'darwin' && loginItem().wasOpenedAtLogin === true;
}

/** The slice of Electron's `app` that launch at login uses. */
export interface LoginItemApp {
  setLoginItemSettings(settings: { openAtLogin: boolean; args?: string[] }): void;
}

export interface LaunchAtLoginTarget {
  platform: NodeJS.Platform;
  app: LoginItemApp;
  /** ~/.config or $XDG_CONFIG_HOME (Linux autostart lives in its `autostart/` folder). */
  configHome: string;
  /** What Linux autostart runs: the AppImage itself ($APPIMAGE) when there is one, else the executable (and the app folder, unpackaged). */
  command: readonly string[];
}

export const linuxAutostartFileName = 'cli-proxy-desktop.desktop';

/**
 * Turns launch at login on or off the platform's way: a login item on macOS and Windows (Electron), an
 * XDG autostart entry on Linux (https://specifications.freedesktop.org/autostart-spec/latest/), which
 * Electron does not manage.
 */
export async function applyLaunchAtLogin(target: LaunchAtLoginTarget, enabled: boolean): Promise<void> {
  switch (target.platform) {
    case 'darwin':
      target.app.setLoginItemSettings({ openAtLogin: enabled });
      return;
    case 'win32':
      target.app.setLoginItemSettings({ openAtLogin: enabled, args: [hiddenArg] });
      return;
    default: {
      const folder = join(target.configHome, 'autostart');
      const file = join(folder, linuxAutostartFileName);
      if (!enabled) {
        await rm(file, { force: true });
        return;
      }
      await mkdir(folder, { recursive: true });
      await writeFile(file, linuxAutostartEntry(target.command), { mode: 0o644 });
    }
  }
}

/** Desktop entry (https://specifications.freedesktop.org/desktop-entry-spec/latest/): Exec quotes the path. */
export function linuxAutostartEntry(command: readonly string[]): string {
  const quoted = command.map((part) => `"${part.replace(/(["`$\\])/g, '\\$1')}"`).join(' ');
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=CLI Proxy Desktop',
    'Comment=Local proxy for the AI accounts you already have',
    `Exec=${quoted} ${hiddenArg}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}
