import { isRecord } from '../../auth-store/auth-record';
import { readJsonBody } from '../auth-file-routes/read-json-body';

/** `POST /api-call`'s body, checked: what CPA's handler binds (`auth_index` also as `authIndex` / `AuthIndex`). */
export interface ApiCallRequest {
  /** '' when none was given. */
  authIndex: string;
  /** Upper-cased HTTP method token. */
  method: string;
  url: URL;
  /** '' = the credential's, then the global proxy; 'direct' / 'none' = no proxy. */
  proxyUrl: string;
  header: Record<string, string>;
  /** The raw request body; undefined when empty. */
  data: string | undefined;
}

export type ApiCallBody = { ok: true; value: ApiCallRequest } | { ok: false; error: string };

/** RFC 9110 token characters: a method undici would refuse is a 400 here, not a failed call. */
const methodToken = /^[!#$%&'*+.^_`|~0-9A-Z-]+$/;
const proxySchemes = new Set(['http:', 'https:', 'socks5:', 'socks5h:']);

/** CPA's 400 answers and their words: `invalid body`, `missing method`, `missing url`, `invalid url`, `invalid proxy_url`. */
export function readApiCallBody(body: unknown): ApiCallBody {
  const parsed = readJsonBody(body);
  if (!parsed.ok || !isRecord(parsed.value)) return { ok: false, error: 'invalid body' };
  const fields = parsed.value;
  const header = readHeader(fields.header);
  const authIndex = readAuthIndex(fields);
  if (!header || authIndex === null || !optionalString(fields.method) || !optionalString(fields.url) || !optionalString(fields.proxy_url) || !optionalString(fields.data)) {
    return { ok: false, error: 'invalid body' };
  }
  const method = (fields.method ?? '').trim().toUpperCase();
  if (method === '') return { ok: false, error: 'missing method' };
  if (!methodToken.test(method)) return { ok: false, error: 'invalid method' };
  const urlText = (fields.url ?? '').trim();
  if (urlText === '') return { ok: false, error: 'missing url' };
  const url = parseHttpUrl(urlText);
  if (!url) return { ok: false, error: 'invalid url' };
  const proxyUrl = (fields.proxy_url ?? '').trim();
  if (proxyUrl !== '' && !isUsableProxy(proxyUrl)) return { ok: false, error: 'invalid proxy_url' };
  const data = fields.data ?? '';
  return { ok: true, value: { authIndex, method, url, proxyUrl, header, data: data === '' ? undefined : data } };
}

function optionalString(value: unknown): value is string | undefined {
  return value === undefined || value === null || typeof value === 'string';
}

/** The first non-empty of the three spellings CPA accepts; a number is taken as its digits; null = wrong type. */
function readAuthIndex(fields: Record<string, unknown>): string | null {
  for (const value of [fields.auth_index, fields.authIndex, fields.AuthIndex]) {
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string' && typeof value !== 'number') return null;
    const text = String(value).trim();
    if (text !== '') return text;
  }
  return '';
}

/** A string map; null for anything else (CPA's `map[string]string` binding fails the same way). */
function readHeader(value: unknown): Record<string, string> | null {
  if (value === undefined || value === null) return {};
  if (!isRecord(value)) return null;
  const header: Record<string, string> = {};
  for (const [name, text] of Object.entries(value)) {
    if (typeof text !== 'string') return null;
    header[name] = text;
  }
  return header;
}

function parseHttpUrl(text: string): URL | null {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.host !== '' ? url : null;
  } catch {
    return null;
  }
}

function isUsableProxy(text: string): boolean {
  const lower = text.toLowerCase();
  if (lower === 'direct' || lower === 'none') return true;
  try {
    const url = new URL(text);
    return proxySchemes.has(url.protocol) && url.host !== '';
  } catch {
    return false;
  }
}
