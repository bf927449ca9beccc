/**
 * The file name of one request log (docs/config.md#request-log-files): `<sanitized path>-<YYYY-MM-DDTHHMMSS>-<requestId>.log` in the
 * machine's local time like CLIProxyAPI (path `/` -> `-`, `<>:"|?*` and whitespace -> `-`, runs collapsed),
 * e.g. `v1-chat-completions-2025-12-23T195811-a1b2c3d4.log`. Forced error logs add an `error-` prefix.
 */
export function requestLogFileName(path: string, at: Date, requestId: string): string {
  const route = sanitize(path.split('?', 1)[0] ?? '') || 'root';
  return `${route}-${localStamp(at)}-${sanitize(requestId) || 'request'}.log`;
}

export function errorLogFileName(path: string, at: Date, requestId: string): string {
  return `error-${requestLogFileName(path, at, requestId)}`;
}

function sanitize(text: string): string {
  return text
    .replace(/[/\\<>:"|?*\s]/g, '-')
    .replace(/[^A-Za-z0-9._-]/g, '-')
    .replace(/-+/g, '-')
    .replace(/^[-.]+|-+$/g, '');
}

function localStamp(at: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}`;
}
