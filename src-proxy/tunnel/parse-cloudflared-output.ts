/**
 * What one line of cloudflared's log means for us. cloudflared logs to stderr. A quick tunnel prints its
 * address inside a box ("Your quick Tunnel has been created! Visit it at ...", then a line
 * "|  https://<words>.trycloudflare.com  |"); a named tunnel (`tunnel run --token`) prints
 * "Registered tunnel connection" once an edge connection is up. Cloudflare's docs:
 * https://developers.cloudflare.com/cloudflare-one/networks/connectors/cloudflare-tunnel/do-more-with-tunnels/trycloudflare/
 */
export type CloudflaredLine =
  | { kind: 'quick-url'; url: string }
  | { kind: 'connected' }
  | { kind: 'error'; message: string }
  | { kind: 'other' };

const QUICK_URL = /https:\/\/[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.trycloudflare\.com\b/i;

export function parseCloudflaredLine(line: string): CloudflaredLine {
  const url = QUICK_URL.exec(line);
  // The API host itself appears in error lines ("failed to request quick Tunnel: ... api.trycloudflare.com").
  if (url && !/\/\/api\.trycloudflare\.com/i.test(url[0])) return { kind: 'quick-url', url: url[0].toLowerCase() };
  if (/Registered tunnel connection/i.test(line)) return { kind: 'connected' };
  if (/\b(ERR|FTL)\b/.test(line) || /^error/i.test(line.trim())) return { kind: 'error', message: withoutTimestamp(line) };
  return { kind: 'other' };
}

/** '2024-05-01T10:00:00Z ERR failed to ...' -> 'failed to ...' */
function withoutTimestamp(line: string): string {
  return line.replace(/^\S*\d{4}-\d{2}-\d{2}T\S+\s+(ERR|FTL)\s+/, '').trim().slice(0, 300);
}
