import { join } from 'node:path';
import { Menu, nativeImage, Tray, type MenuItemConstructorOptions } from 'electron';
import type { TrayState } from './build-tray-menu';
import type { TrayAction, TrayMenuItem } from './tray-menu-item';
import { trayIconFileName, trayIconState } from './tray-icon-state';
import type { TrayPopover } from '../windows/setup-tray-popover';
import { createTrayUpdater, trayUpdateIntervalMs, type TrayUpdater } from './tray-updater';

export interface TrayDeps {
  /** The menu's current state (status, requests today, launch-at-login). */
  state(): TrayState;
  run(action: TrayAction): void;
  openDashboard(): void;
  /** macOS and Windows: left-click toggles the popover, right-click pops the menu. Null (Linux): the menu is attached. */
  popover: TrayPopover | null;
  assetsDir: string;
  platform: NodeJS.Platform;
}

export interface TrayHandle {
  tray: Tray;
  /** Something the tray shows changed; the update is coalesced and happens later (tray-updater.ts). */
  update(): void;
}

/** Thin glue: plain menu data from build-tray-menu.ts -> Electron Menu; actions -> deps.run. */
export function setupTray(deps: TrayDeps): TrayHandle {
  // Each icon is read from app.asar once, not on every update.
  const images = new Map<string, Electron.NativeImage>();
  const imageFor = (fileName: string): Electron.NativeImage => {
    let image = images.get(fileName);
    if (image === undefined) {
      image = nativeImage.createFromPath(join(deps.assetsDir, fileName));
      if (deps.platform === 'darwin') image.setTemplateImage(true);
      images.set(fileName, image);
    }
    return image;
  };
  const initialImage = trayIconFileName(trayIconState(deps.state().status), deps.platform);
  const tray = new Tray(imageFor(initialImage));
  const { popover } = deps;
  let menu: Electron.Menu | null = null;
  const updater: TrayUpdater = createTrayUpdater({
    state: deps.state,
    platform: deps.platform,
    minIntervalMs: trayUpdateIntervalMs(deps.platform),
    initialImage,
    sink: {
      setImage: (fileName) => tray.setImage(imageFor(fileName)),
      setToolTip: (text) => tray.setToolTip(text),
      setMenu: (items) => {
        menu = Menu.buildFromTemplate(items.map((item) => toTemplate(item, deps.run)));
        if (popover === null) tray.setContextMenu(menu);
      },
    },
  });
  updater.flush();
  if (popover === null) {
    // Linux, as before: the menu is attached; a left click, where the desktop reports one, opens the dashboard.
    tray.on('click', () => deps.openDashboard());
  } else {
    // Not setContextMenu: on macOS an attached menu takes the left click, which belongs to the popover.
    // The click's bounds, not tray.getBounds(): https://github.com/electron/electron/issues/13461
    tray.on('click', (_event, bounds) => popover.toggle(bounds));
    tray.on('right-click', () => {
      if (menu !== null) tray.popUpContextMenu(menu);
    });
  }
  return { tray, update: () => updater.request() };
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
