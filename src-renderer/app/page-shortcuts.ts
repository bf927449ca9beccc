import { useEffect } from 'react';

/** Alt+1 … Alt+9 open the pages in navigation order (said on each link by aria-keyshortcuts and its tooltip). */
export function pageShortcutOf(index: number): string | null {
  return index < 9 ? `Alt+${index + 1}` : null;
}

interface KeyPress {
  key: string;
  code: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
}

/** The path a key press opens, or null. Reads `code` (Digit1): on macOS Alt+1 types "¡" in `key`. */
export function pathForShortcut(press: KeyPress, paths: readonly string[]): string | null {
  if (!press.altKey || press.ctrlKey || press.metaKey || press.shiftKey) return null;
  const digit = /^Digit([1-9])$/.exec(press.code)?.[1];
  if (digit === undefined) return null;
  return paths[Number(digit) - 1] ?? null;
}

/** Listens for the page shortcuts while mounted and follows them by changing the hash. */
export function usePageShortcuts(paths: readonly string[]): void {
  const key = paths.join('/');
  useEffect(() => {
    const list = key === '' ? [] : key.split('/');
    const onKeyDown = (event: KeyboardEvent): void => {
      const path = pathForShortcut(event, list);
      if (path === null) return;
      event.preventDefault();
      window.location.hash = `#/${path}`;
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [key]);
}
