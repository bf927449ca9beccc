/**
 * The file keeps pino JSON lines; `GET /v0/management/logs` serves each as CPA's text line, the form its
 * official panel parses for time, level, request id, status, latency, method and path
 * (docs/management-api.md#logs):
 *   [YYYY-MM-DD HH:MM:SS] [<request id or -------->] [<level, 5 wide>] <message> key=value ...
 * A request line's message is CPA's access-log form, `<status> | <latency> | <METHOD, 7 wide> "<path>"`, at
 * warn for 4xx and error for 5xx as CPA logs it. CPA adds `[file:line]` before the message when it knows the
 * caller; pino records no caller, so that bracket is left out, as CPA does then. Local time, like CPA's lines.
 * A line that is not a pino JSON object (CPA's own text, a partial write) is served unchanged.
 */
const LEVEL_NAMES: Readonly<Record<number, string>> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };
/** pino's own fields and the ones the bracketed prefix already shows. */
const SHOWN_ELSEWHERE: ReadonlySet<string> = new Set(['level', 'time', 'pid', 'hostname', 'msg', 'reqId']);
/** A request line's fields that its access-log message already shows. */
const IN_ACCESS_MESSAGE: ReadonlySet<string> = new Set(['method', 'route', 'path', 'status', 'latencyMs']);

export function formatCpaLogLine(line: string): string {
  const entry = parseEntry(line);
  if (entry === null) return line;
  const access = accessMessage(entry);
  const level = access?.level ?? LEVEL_NAMES[Number(entry.level)] ?? 'info';
  const requestId = typeof entry.reqId === 'string' && entry.reqId !== '' ? entry.reqId : '--------';
  const message = access?.message ?? (typeof entry.msg === 'string' ? entry.msg.replace(/[\r\n]+$/, '') : '');
  const fields = Object.entries(entry)
    .filter(([key, value]) => !SHOWN_ELSEWHERE.has(key) && !(access && IN_ACCESS_MESSAGE.has(key)) && value !== undefined)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  return [`[${localTimestamp(Number(entry.time))}] [${requestId}] [${level.padEnd(5)}] ${message}`, ...fields].join(' ');
}

function parseEntry(line: string): Record<string, unknown> | null {
  if (!line.startsWith('{')) return null;
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as { time?: unknown }).time === 'number'
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** The request log's line (`server/plugins/request-log.ts`: msg 'request' with method and status). */
function accessMessage(entry: Record<string, unknown>): { message: string; level: string } | null {
  const { msg, method, status, latencyMs } = entry;
  if (msg !== 'request' || typeof method !== 'string' || typeof status !== 'number') return null;
  const path = typeof entry.path === 'string' ? entry.path : typeof entry.route === 'string' ? entry.route : '';
  const latency = typeof latencyMs === 'number' ? `${latencyMs}ms` : '-';
  const level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
  return { message: `${status} | ${latency.padStart(13)} | ${method.padEnd(7)} "${path}"`, level };
}

function localTimestamp(epochMs: number): string {
  const at = new Date(epochMs);
  const two = (value: number) => String(value).padStart(2, '0');
  return `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())} ${two(at.getHours())}:${two(at.getMinutes())}:${two(at.getSeconds())}`;
}
