import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { parseCloudflaredLine } from './parse-cloudflared-output';

export interface CloudflaredLaunch {
  binary: string;
  /** Quick tunnel: forward this loopback URL. Named tunnel: the token (its routes live in Cloudflare's dashboard). */
  target: { kind: 'quick'; localUrl: string } | { kind: 'named'; token: string };
  /** Give up waiting for the address (quick) or the first connection (named) after this long. */
  readyTimeoutMs: number;
}

export interface RunningCloudflared {
  /** The quick tunnel's https address; null for a named tunnel (its hostname is set in the dashboard). */
  url: string | null;
  /** Resolves with the exit code (or signal) when the process ends, for whatever reason. */
  exited: Promise<string>;
  stop(): Promise<void>;
}

/**
 * Starts cloudflared and resolves once it reports the quick tunnel's address or, for a named tunnel,
 * its first edge connection; rejects with cloudflared's own last error line when it exits first or
 * stays silent past the timeout. `--no-autoupdate`: the app owns the binary, cloudflared must not
 * replace itself. The named tunnel's token goes through TUNNEL_TOKEN (cloudflared's env form of
 * `--token`), so it does not show in the process list.
 */
export function startCloudflared(launch: CloudflaredLaunch): Promise<RunningCloudflared> {
  const args = launch.target.kind === 'quick' ? ['tunnel', '--no-autoupdate', '--url', launch.target.localUrl] : ['tunnel', '--no-autoupdate', 'run'];
  const env = launch.target.kind === 'named' ? { ...process.env, TUNNEL_TOKEN: launch.target.token } : process.env;
  const child = spawn(launch.binary, args, { env, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => resolve(signal ?? `code ${code ?? '?'}`));
    child.once('error', (error) => resolve(error.message));
  });
  return new Promise((resolve, reject) => {
    let lastError = '';
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
    };
    const timer = setTimeout(() => {
      void stopChild(child);
      settle(() => reject(new Error(`cloudflared did not report a public address within ${Math.round(launch.readyTimeoutMs / 1000)} s${lastError ? `: ${lastError}` : '.'}`)));
    }, launch.readyTimeoutMs);
    const onLine = (line: string) => {
      const parsed = parseCloudflaredLine(line);
      if (parsed.kind === 'error') lastError = parsed.message;
      const ready = parsed.kind === 'quick-url' ? parsed.url : parsed.kind === 'connected' && launch.target.kind === 'named' ? null : undefined;
      if (ready !== undefined) settle(() => resolve({ url: ready, exited, stop: () => stopChild(child) }));
    };
    for (const stream of [child.stdout, child.stderr]) if (stream) createInterface({ input: stream }).on('line', onLine);
    child.once('error', (error) => settle(() => reject(new Error(`cloudflared could not be started (${launch.binary}): ${error.message}`))));
    void exited.then((how) => settle(() => reject(new Error(`cloudflared exited (${how}) before the tunnel was up${lastError ? `: ${lastError}` : '.'}`))));
  });
}

/** SIGTERM, then SIGKILL if it is still there after 3 s. */
function stopChild(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
