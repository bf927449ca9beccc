import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { LoginIo } from '../provider-auth';
import { loginFailureMessage } from './login-failure-message';

export interface LoginFlags {
  noBrowser: boolean;
  callbackPort: number | undefined;
}

/** What every browser (authorization-code) login offers the CLI. */
export interface BrowserLogin<Result extends { accountId: string }> {
  url: string;
  /** Null when the callback port was busy: only a pasted callback URL can finish the login. */
  callbackPort: number | null;
  submitPastedUrl(url: string): boolean;
  result: Promise<Result>;
}

export interface BrowserLoginOptions<Result> {
  /** Shown in "Open this URL in a browser to log in to <provider>". */
  provider: string;
  requestedPort: number;
  callbackPath: string;
  authDir: string;
  flags: LoginFlags;
  io: LoginIo;
  /** Who logged in, for the closing line (never a token). */
  describe(result: Result): string;
}

/**
 * The terminal side of a browser login, the same for every provider: print the URL, open a browser when
 * one exists, accept a callback URL pasted on stdin, and report the saved account. Returns the exit code.
 */
export async function driveBrowserLogin<Result extends { accountId: string }>(login: BrowserLogin<Result>, options: BrowserLoginOptions<Result>): Promise<number> {
  const { io, flags } = options;
  io.stdout.write(`Open this URL in a browser to log in to ${options.provider}:\n\n${login.url}\n\n`);
  if (login.callbackPort === null) io.stdout.write(`Port ${options.requestedPort} is busy, so the browser cannot reach this program.\n`);
  else io.stdout.write(`Waiting for the browser on http://localhost:${login.callbackPort}${options.callbackPath} ...\n`);
  io.stdout.write('If the browser cannot reach this machine, paste the URL it ended on here and press Enter.\n');
  if (!flags.noBrowser) openBrowser(login.url);
  const lines = createInterface({ input: io.stdin, terminal: false });
  lines.on('line', (line) => {
    if (line.trim() === '') return;
    if (!login.submitPastedUrl(line)) io.stderr.write('That is not the callback URL of this login (wrong or missing code/state); try again.\n');
  });
  try {
    const result = await login.result;
    io.stdout.write(`Logged in as ${options.describe(result)}; saved ${join(options.authDir, result.accountId)}\n`);
    return 0;
  } catch (error) {
    io.stderr.write(`Login failed: ${loginFailureMessage(error)}\n`);
    return 1;
  } finally {
    lines.close();
  }
}

/** Best effort: only when a desktop opener exists; the printed URL is always enough. */
export function openBrowser(url: string): void {
  const opener = desktopOpener();
  if (!opener) return;
  try {
    const child = spawn(opener.command, [...opener.args, url], { detached: true, stdio: 'ignore' });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // No browser: the user opens the printed URL.
  }
}

function desktopOpener(): { command: string; args: string[] } | null {
  if (process.platform === 'darwin') return { command: 'open', args: [] };
  if (process.platform === 'win32') return { command: 'rundll32', args: ['url.dll,FileProtocolHandler'] };
  if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return null;
  const onPath = (process.env.PATH ?? '').split(delimiter).some((folder) => folder !== '' && existsSync(join(folder, 'xdg-open')));
  return onPath ? { command: 'xdg-open', args: [] } : null;
}
