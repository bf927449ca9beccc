import type { EngineStatus } from '../../src-shared/engine-status';

/** running = normal, stopped = dimmed (also while starting/stopping), error = badge (UI.md, Tray). */
export type TrayIconState = 'running' | 'stopped' | 'error';

export function trayIconState(status: EngineStatus): TrayIconState {
  switch (status.state) {
    case 'running':
      return 'running';
    case 'error':
      return 'error';
    case 'starting':
    case 'stopping':
    case 'stopped':
      return 'stopped';
    default: {
      const unreachable: never = status.state;
      return unreachable;
    }
  }
}

/**
 * File in assets/. macOS gets the monochrome `*Template.png` that follows the menu-bar theme;
 * Electron picks the `@2x` sibling on its own.
 */
export function trayIconFileName(state: TrayIconState, platform: NodeJS.Platform): string {
  return platform === 'darwin' ? `tray-${state}Template.png` : `tray-${state}.png`;
}
