import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Expands a leading `~` (alone, `~/...` or `~\...`) to the user's home folder, as CLIProxyAPI does for
 * `auth-dir`. `~user` forms are left untouched: Go's original does not support them either.
 */
export function expandHome(path: string): string {
  if (path === '~') return homedir();
  if (path.startsWith('~/') || path.startsWith('~\\')) return join(homedir(), path.slice(2));
  return path;
}
