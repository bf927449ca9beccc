import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { AuthStore } from './auth-store/auth-store';
import { openBrowser, type LoginFlags, type LoginIo } from './cli-login';
import { startGeminiCliLogin } from './providers/gemini-cli/gemini-cli-login';
import { geminiCliCallbackPath, geminiCliCallbackPort, resolveGeminiCliOAuthEndpoints } from './providers/gemini-cli/gemini-cli-oauth-endpoints';

/**
 * `cliproxy login gemini [--project-id ID]`: prints Google's authorize URL (and opens a browser when one can
 * be opened), waits for the loopback callback on 127.0.0.1:8085/oauth2callback or a callback URL pasted on
 * stdin, onboards the project (or discovers one) and writes `gemini-<email>-<project>.json` into auth-dir.
 * The state is the CLI's literal `state-token` (spec 3.1). Tokens and codes are never printed.
 */
export async function runGeminiLogin(authDir: string, flags: LoginFlags & { projectId?: string | undefined }, io: LoginIo): Promise<number> {
  const port = flags.callbackPort ?? geminiCliCallbackPort;
  const login = await startGeminiCliLogin({ endpoints: resolveGeminiCliOAuthEndpoints(), store: new AuthStore(authDir), callbackPort: port, state: 'state-token', projectId: flags.projectId ?? '' });
  io.stdout.write(`Open this URL in a browser to log in to Google (Gemini CLI):\n\n${login.url}\n\n`);
  if (login.callbackPort === null) io.stdout.write(`Port ${port} is busy, so the browser cannot reach this program.\n`);
  else io.stdout.write(`Waiting for the browser on http://localhost:${login.callbackPort}${geminiCliCallbackPath} ...\n`);
  io.stdout.write('If the browser cannot reach this machine, paste the URL it ended on here and press Enter.\n');
  if (!flags.noBrowser) openBrowser(login.url);
  const lines = createInterface({ input: io.stdin, terminal: false });
  lines.on('line', (line) => {
    if (line.trim() === '') return;
    if (!login.submitPastedUrl(line)) io.stderr.write('That is not the callback URL of this login (wrong or missing code/state); try again.\n');
  });
  try {
    const result = await login.result;
    io.stdout.write(`Logged in as ${result.email} (project ${result.projectId}); saved ${join(authDir, result.accountId)}\n`);
    return 0;
  } catch (error) {
    io.stderr.write(`Login failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    lines.close();
  }
}
