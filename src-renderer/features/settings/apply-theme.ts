import type { AppSettings } from '../../../src-shared/control/app-settings';

/**
 * Applies the theme preference to the document root: `data-theme="light|dark"` overrides the system
 * (ui/base.css switches `color-scheme`, which every colour follows); 'system' removes the override.
 */
export function applyTheme(root: Pick<Element, 'setAttribute' | 'removeAttribute'>, theme: AppSettings['theme']): void {
  if (theme === 'system') root.removeAttribute('data-theme');
  else root.setAttribute('data-theme', theme);
}
