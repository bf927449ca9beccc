import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { createInterface } from 'node:readline';
import { AuthStore } from './auth-store/auth-store';
import { startClaudeLogin } from './providers/claude/claude-login';
import { claudeCallbackPort, resolveClaudeOAuthEndpoints } from './providers/claude/claude-oauth-endpoints';

export interface LoginFlags {
  noBrowser: boolean;
  callbackPort: number | undefined;
}

export interface LoginIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/**
 * `cliproxy login claude`: prints the authorize URL (and opens a browser when one can be opened), then
 * waits for the loopback callback or a callback URL pasted on stdin (a remote machine, a busy port), and
 * writes `claude-<email>.json` into auth-dir. Returns the exit code.
 */
export async function runClaudeLogin(authDir: string, flags: LoginFlags, io: LoginIo): Promise<number> {
  const login = await startClaudeLogin({
    endpoints: resolveClaudeOAuthEndpoints(),
    store: new AuthStore(authDir),
    callbackPort: flags.callbackPort ?? claudeCallbackPort,
  });
  io.stdout.write(`Open this URL in a browser to log in to Claude:\n\n${login.url}\n\n`);
  if (login.callbackPort === null) io.stdout.write(`Port ${flags.callbackPort ?? claudeCallbackPort} is busy, so the browser cannot reach this program.\n`);
  else io.stdout.write(`Waiting for the browser on http://localhost:${login.callbackPort}/callback ...\n`);
  io.stdout.write('If the browser cannot reach this machine, paste the URL it ended on here and press Enter.\n');
  if (!flags.noBrowser) openBrowser(login.url);
  const lines = createInterface({ input: io.stdin, terminal: false });
  lines.on('line', (line) => {
    if (line.trim() === '') return;
    if (!login.submitPastedUrl(line)) io.stderr.write('That is not the callback URL of this login (wrong or missing code/state); try again.\n');
  });
  try {
    const result = await login.result;
    io.stdout.write(`Logged in as ${result.email || '(no email)'}; saved ${join(authDir, result.accountId)}\n`);
    return 0;
  } catch (error) {
    io.stderr.write(`Login failed: ${error instanceof Error ? error.message : String(error)}\n`);
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
