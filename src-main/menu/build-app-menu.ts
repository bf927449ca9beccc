import type { MenuItemConstructorOptions } from 'electron';

/**
 * The application menu per platform. macOS always shows one, and without an Edit menu Cmd+C/V/A do
 * nothing in text fields: the standard app, Edit and Window roles. Windows and Linux get none: `null`
 * removes Electron's default menu (Toggle Developer Tools, "Learn More" to electronjs.org) and the menu
 * bar with it (https://www.electronjs.org/docs/latest/api/menu#menusetapplicationmenumenu); text fields
 * keep their Ctrl shortcuts there without a menu.
 */
export function buildAppMenu(platform: NodeJS.Platform): MenuItemConstructorOptions[] | null {
  if (platform !== 'darwin') return null;
  return [{ role: 'appMenu' }, { role: 'editMenu' }, { role: 'windowMenu' }];
}
