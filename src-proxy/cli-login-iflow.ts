import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { AuthStore } from './auth-store/auth-store';
import { openBrowser, type LoginFlags, type LoginIo } from './cli-login';
import { startIFlowLogin } from './providers/iflow/iflow-login';
import { iflowCallbackPath, iflowCallbackPort, resolveIFlowOAuthEndpoints } from './providers/iflow/iflow-oauth-endpoints';

/**
 * `cliproxy login iflow`: prints the authorize URL (and opens a browser when one can be opened), waits for
 * the loopback callback on 127.0.0.1:11451/oauth2callback or a callback URL pasted on stdin, fetches the
 * API key and writes `iflow-<email>-<unix>.json` into auth-dir. Tokens, keys and codes are never printed.
 */
export async function runIFlowLogin(authDir: string, flags: LoginFlags, io: LoginIo): Promise<number> {
  const port = flags.callbackPort ?? iflowCallbackPort;
  const login = await startIFlowLogin({ endpoints: resolveIFlowOAuthEndpoints(), store: new AuthStore(authDir), callbackPort: port, cliFileName: true });
  io.stdout.write(`Open this URL in a browser to log in to iFlow:\n\n${login.url}\n\n`);
  if (login.callbackPort === null) io.stdout.write(`Port ${port} is busy, so the browser cannot reach this program.\n`);
  else io.stdout.write(`Waiting for the browser on http://localhost:${login.callbackPort}${iflowCallbackPath} ...\n`);
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
