/**
 * A recording stand-in for the `electron` module (Electron's binary cannot run here): just enough of
 * app, Tray, Menu, BrowserWindow, ipcMain, Notification, shell, nativeImage, dialog, clipboard, session,
 * screen and nativeTheme for the real src-main/main.ts to boot, with every call recorded. Each evaluation of this
 * module (one per boot, after vi.resetModules) publishes a fresh recorder on globalThis, where the suite
 * reads it. Notifications are recorded through WeakRefs only, so a test can tell whether main keeps them.
 */
import { EventEmitter } from 'node:events';
import { pathToFileURL } from 'node:url';

export interface MenuItemRecord {
  label?: string;
  type?: string;
  role?: string;
  enabled?: boolean;
  checked?: boolean;
  click?: () => void;
  submenu?: MenuItemRecord[];
}

export interface StandInConfig {
  /** The platform this boot pretends to run on (process.platform is only overridden while main boots). */
  platform: NodeJS.Platform;
  paths: { home: string; userData: string; logs: string };
  loginItem: { wasOpenedAtLogin: boolean };
  /** app.isPackaged (false: `npm start`). */
  packaged?: boolean;
  /** The generic update feed the electron-updater stand-in reads (electron-updater-stand-in.ts). */
  updateFeedUrl?: string;
  /** The displays' workAreas, primary first (default: one 1920x1080 display with a 40 px taskbar below). */
  workAreas?: Rect[];
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export class ElectronRecorder {
  readonly calls: Array<{ api: string; args: unknown[] }> = [];
  readonly trays: FakeTray[] = [];
  readonly windows: FakeBrowserWindow[] = [];
  /** Hidden BaseWindows (never shown): the Windows session-end listener's. */
  readonly baseWindows: FakeBaseWindow[] = [];
  readonly notifications: Array<{ title: string; body: string; ref: WeakRef<FakeNotification> }> = [];
  readonly ipcHandlers = new Map<string, (...args: unknown[]) => unknown>();
  exitCode: number | null = null;
  quitted = false;
  quitting = false;
  /** `app`'s listeners, per boot: a later boot must not reach an earlier boot's main. */
  readonly appEvents = new EventEmitter();

  constructor(readonly config: StandInConfig) {}

  record(api: string, ...args: unknown[]): void {
    this.calls.push({ api, args });
  }

  callsOf(api: string): unknown[][] {
    return this.calls.filter((call) => call.api === api).map((call) => call.args);
  }
}

const recorder = (): ElectronRecorder => {
  const current = (globalThis as { __electronStandIn?: ElectronRecorder }).__electronStandIn;
  if (current === undefined) throw new Error('electron stand-in: set globalThis.__electronStandIn before booting main');
  return current;
};

class FakeApp {
  get isPackaged(): boolean {
    return recorder().config.packaged ?? false;
  }

  on(event: string, listener: (...args: never[]) => void): this {
    recorder().appEvents.on(event, listener as (...args: unknown[]) => void);
    return this;
  }
  once(event: string, listener: (...args: never[]) => void): this {
    recorder().appEvents.once(event, listener as (...args: unknown[]) => void);
    return this;
  }
  emit(event: string, ...args: unknown[]): boolean {
    return recorder().appEvents.emit(event, ...args);
  }

  get dock(): { show(): Promise<void>; hide(): void } | undefined {
    // Electron has app.dock on macOS only.
    if (recorder().config.platform !== 'darwin') return undefined;
    return {
      show: async () => recorder().record('app.dock.show'),
      hide: () => recorder().record('app.dock.hide'),
    };
  }

  requestSingleInstanceLock(): boolean {
    return true;
  }
  enableSandbox(): void {
    recorder().record('app.enableSandbox');
  }
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
  getPath(name: string): string {
    if (name === 'exe') return process.execPath;
    const paths = recorder().config.paths as Record<string, string>;
    const path = paths[name];
    if (path === undefined) throw new Error(`electron stand-in: no path '${name}'`);
    return path;
  }
  getAppPath(): string {
    return process.cwd();
  }
  getName(): string {
    return 'CLI Proxy Desktop';
  }
  getVersion(): string {
    return '0.0.0-test';
  }
  setAppUserModelId(id: string): void {
    recorder().record('app.setAppUserModelId', id);
  }
  setLoginItemSettings(settings: unknown): void {
    recorder().record('app.setLoginItemSettings', settings);
  }
  getLoginItemSettings(): { openAtLogin: boolean; wasOpenedAtLogin: boolean } {
    return { openAtLogin: false, wasOpenedAtLogin: recorder().config.loginItem.wasOpenedAtLogin };
  }
  /** Like Electron: before-quit may be cancelled; otherwise the app quits (recorded). */
  quit(): void {
    recorder().record('app.quit');
    if (recorder().quitting) return;
    let prevented = false;
    this.emit('before-quit', { preventDefault: () => (prevented = true) });
    if (prevented) return;
    recorder().quitting = true;
    recorder().quitted = true;
    this.emit('will-quit', { preventDefault: () => undefined });
    this.emit('quit');
  }
  exit(code = 0): void {
    recorder().record('app.exit', code);
    recorder().exitCode = code;
  }
}

class FakeMenu {
  constructor(readonly items: MenuItemRecord[]) {}
  static buildFromTemplate(template: MenuItemRecord[]): FakeMenu {
    recorder().record('Menu.buildFromTemplate');
    return new FakeMenu(template);
  }
  static setApplicationMenu(menu: FakeMenu | null): void {
    recorder().record('Menu.setApplicationMenu', menu === null ? null : menu.items);
  }
}

interface FakeImage {
  path: string;
  template: boolean;
  setTemplateImage(on: boolean): void;
}

const nativeImageStandIn = {
  createFromPath(path: string): FakeImage {
    recorder().record('nativeImage.createFromPath', path);
    return {
      path,
      template: false,
      setTemplateImage(on: boolean) {
        this.template = on;
      },
    };
  },
};

export class FakeTray extends EventEmitter {
  image: FakeImage;
  toolTip = '';
  /** The attached menu (setContextMenu). */
  menu: FakeMenu | null = null;
  /** The menu last popped up (popUpContextMenu, on a right-click). */
  popped: FakeMenu | null = null;
  constructor(image: FakeImage) {
    super();
    this.image = image;
    recorder().trays.push(this);
    recorder().record('Tray.constructor', image.path);
  }
  setImage(image: FakeImage): void {
    this.image = image;
    recorder().record('Tray.setImage', image.path);
  }
  setToolTip(text: string): void {
    this.toolTip = text;
    recorder().record('Tray.setToolTip', text);
  }
  setContextMenu(menu: FakeMenu): void {
    this.menu = menu;
    recorder().record('Tray.setContextMenu');
  }
  popUpContextMenu(menu: FakeMenu): void {
    this.popped = menu;
    recorder().record('Tray.popUpContextMenu');
  }
  /** The user left-clicks the icon at these bounds (Electron passes them with the event). */
  leftClick(bounds: Rect): void {
    this.emit('click', {}, bounds, { x: bounds.x, y: bounds.y });
  }
  /** The menu the user sees: the attached one, else the one a right-click pops up. */
  shownMenu(): FakeMenu | null {
    if (this.menu !== null) return this.menu;
    this.emit('right-click', {}, { x: 0, y: 0, width: 0, height: 0 });
    return this.popped;
  }
  /** The menu item at this label path ('Login with', 'Claude…'), as the user would click it. */
  item(...labels: string[]): MenuItemRecord {
    let items = this.shownMenu()?.items ?? [];
    let found: MenuItemRecord | undefined;
    for (const label of labels) {
      found = items.find((item) => item.label === label);
      if (found === undefined) throw new Error(`tray has no item '${label}' (has ${items.map((item) => item.label ?? item.type).join(', ')})`);
      items = found.submenu ?? [];
    }
    if (found === undefined) throw new Error('no label given');
    return found;
  }
  click(...labels: string[]): void {
    const found = this.item(...labels);
    if (found.enabled === false) throw new Error(`tray item '${labels.join(' ▸ ')}' is disabled`);
    found.click?.();
  }
}

type WindowOpenHandler = (details: { url: string }) => { action: 'allow' | 'deny' };

class FakeWebContents extends EventEmitter {
  url = '';
  loading = false;
  readonly sent: Array<{ channel: string; payload: unknown }> = [];
  private openHandler: WindowOpenHandler | null = null;
  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.openHandler = handler;
  }
  /** The page asks for a new window (a target=_blank link): what the handler says. */
  openWindow(url: string): 'allow' | 'deny' {
    return this.openHandler?.({ url }).action ?? 'allow';
  }
  isDestroyed(): boolean {
    return false;
  }
  isLoading(): boolean {
    return this.loading;
  }
  getURL(): string {
    return this.url;
  }
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
}

export class FakeBrowserWindow extends EventEmitter {
  readonly webContents = new FakeWebContents();
  destroyed = false;
  visible = false;
  shown = 0;
  focused = 0;
  position: [number, number] | null = null;
  readonly loads: string[] = [];
  constructor(readonly options: Record<string, unknown>) {
    super();
    recorder().windows.push(this);
    recorder().record('BrowserWindow.constructor', options);
  }
  static getAllWindows(): FakeBrowserWindow[] {
    return recorder().windows.filter((window) => !window.destroyed);
  }
  async loadFile(file: string, options: { hash?: string } = {}): Promise<void> {
    return this.load(`${pathToFileURL(file).href}${options.hash === undefined ? '' : `#${options.hash}`}`);
  }
  async loadURL(url: string): Promise<void> {
    return this.load(url);
  }
  private async load(url: string): Promise<void> {
    this.loads.push(url);
    this.webContents.url = url;
    this.webContents.loading = true;
    await Promise.resolve();
    this.webContents.loading = false;
    this.emit('ready-to-show');
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isMinimized(): boolean {
    return false;
  }
  restore(): void {}
  show(): void {
    this.visible = true;
    this.shown += 1;
  }
  hide(): void {
    this.visible = false;
  }
  isVisible(): boolean {
    return this.visible;
  }
  setPosition(x: number, y: number): void {
    if (!Number.isInteger(x) || !Number.isInteger(y)) throw new TypeError('setPosition takes integers');
    this.position = [x, y];
  }
  focus(): void {
    this.focused += 1;
  }
  /** The user closes the window. */
  close(): void {
    this.destroyed = true;
    this.emit('closed');
    if (FakeBrowserWindow.getAllWindows().length === 0) app.emit('window-all-closed');
  }
}

/** BaseWindow: only what a never-shown window needs; Windows emits `session-end` on it. */
export class FakeBaseWindow extends EventEmitter {
  constructor(readonly options: Record<string, unknown>) {
    super();
    recorder().baseWindows.push(this);
    recorder().record('BaseWindow.constructor', options);
  }
}

export class FakeNotification extends EventEmitter {
  constructor(readonly options: { title: string; body: string }) {
    super();
  }
  static isSupported(): boolean {
    return true;
  }
  show(): void {
    recorder().notifications.push({ ...this.options, ref: new WeakRef(this) });
  }
}

const defaultWorkAreas: Rect[] = [{ x: 0, y: 0, width: 1920, height: 1040 }];
const contains = (area: Rect, point: { x: number; y: number }): boolean => point.x >= area.x && point.x < area.x + area.width && point.y >= area.y && point.y < area.y + area.height;
const distance = (area: Rect, point: { x: number; y: number }): number =>
  Math.hypot(Math.max(area.x - point.x, 0, point.x - (area.x + area.width)), Math.max(area.y - point.y, 0, point.y - (area.y + area.height)));

export const screen = {
  /** Like Electron: the display containing the point, else the nearest (a tray icon lies in a taskbar outside any workArea). */
  getDisplayNearestPoint(point: { x: number; y: number }): { workArea: Rect } {
    recorder().record('screen.getDisplayNearestPoint', point);
    const areas = recorder().config.workAreas ?? defaultWorkAreas;
    const found = areas.find((area) => contains(area, point)) ?? [...areas].sort((a, b) => distance(a, point) - distance(b, point))[0];
    if (found === undefined) throw new Error('electron stand-in: no display');
    return { workArea: found };
  },
};

export const app = new FakeApp();
export const Menu = FakeMenu;
export const Tray = FakeTray;
export const BrowserWindow = FakeBrowserWindow;
export const BaseWindow = FakeBaseWindow;
export const Notification = FakeNotification;
export const nativeImage = nativeImageStandIn;
export const nativeTheme = { shouldUseDarkColors: false };
export const ipcMain = {
  handle: (channel: string, handler: (...args: unknown[]) => unknown) => void recorder().ipcHandlers.set(channel, handler),
  removeHandler: (channel: string) => void recorder().ipcHandlers.delete(channel),
  on: () => undefined,
};
export const shell = {
  openExternal: async (url: string) => recorder().record('shell.openExternal', url),
  openPath: async () => '',
};
export const clipboard = { writeText: (text: string) => recorder().record('clipboard.writeText', text) };
export const dialog = {
  showErrorBox: (title: string, content: string) => recorder().record('dialog.showErrorBox', title, content),
  showMessageBox: async (options: unknown) => {
    recorder().record('dialog.showMessageBox', options);
    return { response: 0 };
  },
};
export const session = {
  defaultSession: {
    setPermissionRequestHandler: () => undefined,
    setPermissionCheckHandler: () => undefined,
    webRequest: { onHeadersReceived: () => undefined },
  },
};

export default { app, Menu, Tray, BrowserWindow, BaseWindow, Notification, nativeImage, nativeTheme, ipcMain, shell, clipboard, dialog, session, screen };
