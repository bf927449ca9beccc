import { join } from 'node:path';
import { clipboard, Menu, nativeImage, Tray, type MenuItemConstructorOptions } from 'electron';
import type { EngineStatus } from '../../src-shared/engine-status';
import { buildTrayMenu, describeStatus, type TrayAction, type TrayMenuItem } from './build-tray-menu';
import { trayIconFileName, trayIconState } from './tray-icon-state';

export interface TrayDeps {
  status(): EngineStatus;
  onStatusChange(listener: (status: EngineStatus) => void): () => void;
  startProxy(): Promise<unknown>;
  stopProxy(): Promise<unknown>;
  openDashboard(): void;
  quit(): void;
  assetsDir: string;
  onError(error: unknown): void;
}

/** Thin glue: plain menu data from build-tray-menu.ts -> Electron Menu; action ids -> callbacks. */
export function setupTray(deps: TrayDeps): Tray {
  const tray = new Tray(iconFor(deps.status(), deps.assetsDir));
  const runAction = (action: TrayAction): void => {
    const status = deps.status();
    switch (action) {
      case 'toggle-proxy':
        (status.state === 'running' ? deps.stopProxy() : deps.startProxy()).catch(deps.onError);
        return;
      case 'copy-url':
        if (status.baseUrl !== null) clipboard.writeText(status.baseUrl);
        return;
      case 'open-dashboard':
        deps.openDashboard();
        return;
      case 'quit':
        deps.quit();
        return;
      default: {
        const unreachable: never = action;
        deps.onError(new Error(`Unknown tray action ${String(unreachable)}`));
      }
    }
  };
  const render = (status: EngineStatus): void => {
    tray.setImage(iconFor(status, deps.assetsDir));
    tray.setToolTip(`CLI Proxy Desktop: ${describeStatus(status)}`);
    tray.setContextMenu(Menu.buildFromTemplate(buildTrayMenu({ status }).map((item) => toTemplate(item, runAction))));
  };
  render(deps.status());
  // The tray lives as long as the app, so this subscription is never removed.
  deps.onStatusChange(render);
  // Left click opens the dashboard on Windows/Linux; on macOS a click shows the menu, as users expect there.
  if (process.platform !== 'darwin') tray.on('click', () => deps.openDashboard());
  return tray;
}

function toTemplate(item: TrayMenuItem, runAction: (action: TrayAction) => void): MenuItemConstructorOptions {
  if (item.type === 'separator') return { type: 'separator' };
  const { action } = item;
  return {
    type: 'normal',
    label: item.label,
    enabled: item.enabled,
    ...(action === null ? {} : { click: () => runAction(action) }),
  };
}

function iconFor(status: EngineStatus, assetsDir: string): Electron.NativeImage {
  const image = nativeImage.createFromPath(join(assetsDir, trayIconFileName(trayIconState(status), process.platform)));
  if (process.platform === 'darwin') image.setTemplateImage(true);
  return image;
}
