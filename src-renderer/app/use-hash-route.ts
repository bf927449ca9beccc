import { useEffect, useState } from 'react';

/** `#/accounts` -> 'accounts'; '' when the hash names no page. */
export function pathOfHash(hash: string): string {
  return hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
}

/**
 * The current page from `location.hash`. Hash routes work the same from file:// (Electron) and from
 * /management.html (browser), and a reload stays on the page.
 */
export function useHashRoute(): string {
  const [path, setPath] = useState(() => pathOfHash(window.location.hash));
  useEffect(() => {
    const update = (): void => setPath(pathOfHash(window.location.hash));
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return path;
}
