import { join } from 'node:path';
import { Menu, nativeImage, Tray, type MenuItemConstructorOptions } from 'electron';
import type { EngineStatus } from '../../src-shared/engine-status';
import { buildTrayMenu, describeTrayStatus, type TrayAction, type TrayMenuItem, type TrayState } from './build-tray-menu';
import { trayIconFileName, trayIconState } from './tray-icon-state';

export interface TrayDeps {
  /** The menu's current state (status, requests today, launch-at-login). */
  state(): TrayState;
  /** Called on every change that should redraw the menu; returns an unsubscribe. */
  onChange(listener: () => void): () => void;
  run(action: TrayAction): void;
  openDashboard(): void;
  assetsDir: string;
}

/** Thin glue: plain menu data from build-tray-menu.ts -> Electron Menu; actions -> deps.run. */
export function setupTray(deps: TrayDeps): Tray {
  const tray = new Tray(iconFor(deps.state().status, deps.assetsDir));
  const render = (): void => {
    const state = deps.state();
    tray.setImage(iconFor(state.status, deps.assetsDir));
    tray.setToolTip(`CLI Proxy Desktop: ${describeTrayStatus(state)}`);
    tray.setContextMenu(Menu.buildFromTemplate(buildTrayMenu(state).map((item) => toTemplate(item, deps.run))));
  };
  render();
  // The tray lives as long as the app, so this subscription is never removed.
  deps.onChange(render);
  // Left click opens the dashboard on Windows/Linux; on macOS a click shows the menu, as users expect there.
  if (process.platform !== 'darwin') tray.on('click', () => deps.openDashboard());
  return tray;
}

function toTemplate(item: TrayMenuItem, run: (action: TrayAction) => void): MenuItemConstructorOptions {
  switch (item.type) {
    case 'separator':
      return { type: 'separator' };
    case 'submenu':
      return { label: item.label, submenu: item.items.map((child) => toTemplate(child, run)) };
    case 'checkbox':
      return { type: 'checkbox', label: item.label, checked: item.checked, click: () => run(item.action) };
    case 'normal': {
      const { action } = item;
      return { type: 'normal', label: item.label, enabled: item.enabled, ...(action === null ? {} : { click: () => run(action) }) };
    }
    default: {
      const unreachable: never = item;
      return unreachable;
    }
  }
}

function iconFor(status: EngineStatus, assetsDir: string): Electron.NativeImage {
  const image = nativeImage.createFromPath(join(assetsDir, trayIconFileName(trayIconState(status), process.platform)));
  if (process.platform === 'darwin') image.setTemplateImage(true);
  return image;
}
