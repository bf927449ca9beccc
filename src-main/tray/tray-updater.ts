import { buildTrayMenu, describeTrayStatus, type TrayState } from './build-tray-menu';
import type { TrayMenuItem } from './tray-menu-item';
import { trayIconFileName, trayIconState } from './tray-icon-state';

/** What the updater changes on the real tray (setup-tray.ts maps it onto Electron's Tray). */
export interface TraySink {
  setImage(fileName: string): void;
  setToolTip(text: string): void;
  setMenu(items: TrayMenuItem[]): void;
}

export interface TrayUpdaterOptions {
  state(): TrayState;
  sink: TraySink;
  platform: NodeJS.Platform;
  /** Least time between two updates. */
  minIntervalMs: number;
  /** The image the tray was created with. */
  initialImage?: string;
  now?: () => number;
}

export interface TrayUpdater {
  /** Something changed: update soon (never synchronously: this runs on the engine's request path). */
  request(): void;
  /** Update now (first draw). */
  flush(): void;
  dispose(): void;
}

/**
 * Least time between tray updates per platform. On Linux every setContextMenu replaces the
 * AppIndicator menu (Electron must be given the whole menu again for a change to show:
 * https://www.electronjs.org/docs/latest/api/tray#traysetcontextmenumenu), which closes a menu the user
 * has open and makes the icon flicker: update there rarely.
 */
export function trayUpdateIntervalMs(platform: NodeJS.Platform): number {
  return platform === 'linux' ? 2000 : 500;
}

/**
 * Coalesces change notifications (one per proxied request under load) into at most one tray update per
 * interval, and changes only what differs: the image when the icon state changes, the tooltip and the
 * menu when their text does.
 */
export function createTrayUpdater(options: TrayUpdaterOptions): TrayUpdater {
  const now = options.now ?? Date.now;
  let timer: NodeJS.Timeout | null = null;
  let lastUpdate = Number.NEGATIVE_INFINITY;
  let image: string | null = options.initialImage ?? null;
  let tooltip: string | null = null;
  let menuKey: string | null = null;

  const update = (): void => {
    timer = null;
    lastUpdate = now();
    const state = options.state();
    const nextImage = trayIconFileName(trayIconState(state.status), options.platform);
    if (nextImage !== image) {
      image = nextImage;
      options.sink.setImage(nextImage);
    }
    const nextTooltip = `CLI Proxy Desktop: ${describeTrayStatus(state)}`;
    if (nextTooltip !== tooltip) {
      tooltip = nextTooltip;
      options.sink.setToolTip(nextTooltip);
    }
    const menu = buildTrayMenu(state);
    const nextMenuKey = JSON.stringify(menu);
    if (nextMenuKey !== menuKey) {
      menuKey = nextMenuKey;
      options.sink.setMenu(menu);
    }
  };

  return {
    request() {
      if (timer !== null) return;
      const wait = Math.max(0, lastUpdate + options.minIntervalMs - now());
      timer = setTimeout(update, wait);
      timer.unref();
    },
    flush() {
      if (timer !== null) clearTimeout(timer);
      update();
    },
    dispose() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
}
