import type { TunnelStatus } from '../../src-shared/control/tunnel-types';
import type { Engine } from '../engine-types';
import type { TunnelStart } from './tunnel-service';

/**
 * Headless public URL (`cliproxy tunnel`, or `tunnel.autostart` with `cliproxy serve`): starts it and
 * prints what Cursor needs, then one line per change (a restart's new address, the idle stop). The key
 * is printed in full once: on a server, this terminal is where the operator copies it from.
 * Returns false when it could not start (the reason is on stderr).
 */
export async function startAndReportPublicUrl(engine: Engine, start: TunnelStart, out: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream }): Promise<boolean> {
  const status = await engine.tunnel.start(start);
  if (status.state !== 'running') {
    out.stderr.write(`The public URL did not start: ${status.error ?? status.state}\n`);
    return false;
  }
  const key = engine.tunnel.keys.validKey();
  out.stdout.write(
    [
      `Public URL:      ${status.publicUrl}  (the proxy is reachable from the internet)`,
      `Cursor base URL: ${status.openaiBaseUrl}`,
      `Public key:      ${key?.key ?? '(none)'}${key?.expiresAt ? `  (expires ${new Date(key.expiresAt).toISOString()})` : ''}`,
      status.idleStopAt ? `Stops after ${describeIdle(status)} without requests (tunnel.idle-stop).` : 'No idle stop (tunnel.idle-stop: 0).',
      '',
    ].join('\n'),
  );
  let shownUrl = status.publicUrl;
  engine.tunnel.onChange((next) => {
    if (next.state === 'running' && next.publicUrl !== shownUrl) {
      shownUrl = next.publicUrl;
      out.stdout.write(`Public URL changed after a restart: ${next.publicUrl}  (Cursor base URL: ${next.openaiBaseUrl})\n`);
    } else if (next.state === 'restarting') {
      out.stderr.write(`${next.error ?? 'cloudflared dropped; restarting'}\n`);
    } else if (next.state === 'off' || next.state === 'error') {
      shownUrl = null;
      out.stdout.write(`Public URL stopped${next.error ? `: ${next.error}` : '.'} The proxy still serves locally.\n`);
    }
  });
  return true;
}

function describeIdle(status: TunnelStatus): string {
  const seconds = Math.round(((status.idleStopAt ?? 0) - Date.now()) / 1000);
  return seconds >= 3600 ? `${Math.round(seconds / 360) / 10} h` : seconds >= 60 ? `${Math.round(seconds / 60)} min` : `${seconds} s`;
}
