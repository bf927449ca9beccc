/**
 * The app's identity, equal to electron-builder.yml's `appId` (a test holds them equal). On Windows the
 * NSIS shortcut carries it as the AppUserModelID; main must claim the same id (`app.setAppUserModelId`),
 * or toasts are dropped or shown under another name and the taskbar groups the app apart from its
 * shortcut (https://www.electronjs.org/docs/latest/tutorial/notifications#windows).
 */
export const appId = 'dev.cliproxy.desktop';
