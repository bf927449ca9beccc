import type { LoginProvider } from '../../src-shared/control/account-types';

/** What the Public URL submenu's items do (run-tunnel-command.ts). */
export type TunnelCommand = 'start' | 'stop' | 'copy-url' | 'copy-key';

/** What a tray item does; setup-tray.ts maps each id to a callback. */
export type TrayAction =
  | { kind: 'toggle-proxy' }
  | { kind: 'copy-url' }
  | { kind: 'copy-api-key' }
  | { kind: 'login'; provider: LoginProvider }
  | { kind: 'tunnel'; command: TunnelCommand }
  | { kind: 'open-dashboard' }
  | { kind: 'toggle-launch-at-login' }
  /** Check for updates now, or quit and install the one that is ready. */
  | { kind: 'updates'; step: 'check' | 'install' }
  | { kind: 'quit' };

/**
 * One tray item as plain data. Its own module, below both menu builders (build-tray-menu.ts,
 * public-url-menu.ts), so neither imports the other for its types; setup-tray.ts maps it onto Electron.
 */
export type TrayMenuItem =
  | { type: 'normal'; label: string; enabled: boolean; action: TrayAction | null }
  | { type: 'checkbox'; label: string; checked: boolean; action: TrayAction }
  | { type: 'submenu'; label: string; items: TrayMenuItem[] }
  | { type: 'separator' };
