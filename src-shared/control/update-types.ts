/**
 * What the desktop app's updater is doing, as the tray and the Settings page show it (Electron main answers
 * `updates.get`; the headless engine has no updater). Where updates cannot work in this install (a
 * development build, a .deb, an unsigned macOS app) the state says so in words instead of failing.
 */
export type UpdateStatus =
  /** Updates cannot work in this install; `reason` says why and what to do instead. */
  | { state: 'unsupported'; reason: string }
  /** Nothing checked yet since launch (automatic checks may be turned off). */
  | { state: 'idle' }
  | { state: 'checking' }
  | { state: 'up-to-date'; checkedAt: number }
  | { state: 'downloading'; version: string; percent: number }
  /** Downloaded and verified; installs when the app quits (or now, on request). */
  | { state: 'ready'; version: string }
  /** The last check or download failed; the next check starts over. Never carries a stack or a token. */
  | { state: 'error'; message: string; at: number };

export interface UpdateState {
  currentVersion: string;
  /** The app setting: check and download by itself (at launch and every few hours). */
  automatic: boolean;
  status: UpdateStatus;
}
