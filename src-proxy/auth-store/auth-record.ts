import { readExpiry, readLastRefresh } from './parse-auth-time';

/**
 * An auth file's `type` (docs/providers.md#auth-files) to the provider id it is loaded as. The login
 * providers declare theirs (`ProviderAuth.fileTypes`); the registry builds the map and whoever creates the
 * store passes it in (`providerByAuthFileType`).
 */
export type ProviderByAuthType = Readonly<Record<string, string>>;

/** Per-file cloak keys of a Claude OAuth file (docs/providers.md#auth-files, docs/providers.md#claude-cloaking). */
export interface AuthCloakFields {
  mode: string | null;
  strictMode: boolean;
  sensitiveWords: string[];
  cacheUserId: boolean;
}

/**
 * One auth file as loaded. `data` is the whole JSON object (top-level kebab-case keys normalised to
 * snake_case) so a save writes back every field, including ones this app does not know.
 */
export interface AuthRecord {
  /** Path relative to auth-dir (lower-cased on Windows), CPA's credential id. */
  id: string;
  /** The `type` field as written. */
  type: string;
  /** Provider id, from the `type` (a provider's `auth.fileTypes`; a Gemini CLI file's type differs from its provider id). */
  provider: string;
  email: string;
  disabled: boolean;
  prefix: string;
  proxyUrl: string;
  priority: number;
  /** The file's `weight` for weighted-round-robin: absent = 1; invalid, 0 or less = 0 (never picked by it). */
  weight: number;
  excludedModels: string[];
  headers: Record<string, string>;
  cloak: AuthCloakFields;
  /**
   * Set when a refresh found the refresh token dead (`invalid_grant`): the file's `needs_relogin`, with
   * `needs_relogin_reason` (an error code and message, never a token value). A new login rewrites the file without them.
   */
  needsRelogin: boolean;
  needsReloginReason: string;
  /** `refresh_token`, top level or, as some CPA files keep it, only in the nested `token` object (docs/providers.md#auth-files). */
  refreshToken: string;
  /** Epoch ms or null when the file names no expiry. */
  expiresAt: number | null;
  lastRefresh: number | null;
  data: Record<string, unknown>;
}

export type ParseAuthResult = { ok: true; record: AuthRecord } | { ok: false; reason: string };

/** Parses one auth file's text. Reasons never quote the file's values (they hold tokens). */
export function parseAuthFile(id: string, text: string, providerByType: ProviderByAuthType): ParseAuthResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'not valid JSON' };
  }
  return parseAuthData(id, parsed, providerByType);
}

/** Like parseAuthFile for an already parsed object (a login building a new file). */
export function parseAuthData(id: string, parsed: unknown, providerByType: ProviderByAuthType): ParseAuthResult {
  if (!isRecord(parsed)) return { ok: false, reason: 'not a JSON object' };
  const data = normaliseKeys(parsed);
  const type = typeof data.type === 'string' ? data.type.trim().toLowerCase() : '';
  if (type === '') return { ok: false, reason: 'no "type" field' };
  const provider = Object.hasOwn(providerByType, type) ? providerByType[type] : undefined;
  if (provider === undefined) return { ok: false, reason: 'unknown "type"' };
  return { ok: true, record: recordFromData(id, type, provider, data) };
}

/** Rebuilds the typed view after `data` changed (a refresh merged new tokens in). */
export function withData(record: AuthRecord, data: Record<string, unknown>): AuthRecord {
  return recordFromData(record.id, record.type, record.provider, normaliseKeys(data));
}

function recordFromData(id: string, type: string, provider: string, data: Record<string, unknown>): AuthRecord {
  return {
    id,
    type,
    provider,
    email: stringField(data.email),
    disabled: data.disabled === true,
    prefix: stringField(data.prefix).replace(/^\/+|\/+$/g, ''),
    proxyUrl: stringField(data.proxy_url),
    priority: typeof data.priority === 'number' && Number.isInteger(data.priority) ? data.priority : 0,
    weight: readWeight(data.weight),
    excludedModels: stringList(data.excluded_models).map((model) => model.toLowerCase()),
    headers: stringMap(data.headers),
    cloak: {
      mode: typeof data.cloak_mode === 'string' ? data.cloak_mode.toLowerCase() : null,
      strictMode: data.cloak_strict_mode === true,
      sensitiveWords: stringList(data.cloak_sensitive_words),
      cacheUserId: data.cloak_cache_user_id === true,
    },
    needsRelogin: data.needs_relogin === true,
    needsReloginReason: stringField(data.needs_relogin_reason),
    refreshToken: readTokenField(data, 'refresh_token'),
    expiresAt: readExpiry(data),
    lastRefresh: readLastRefresh(data),
    data,
  };
}

/**
 * A token field of an auth file: top level, else in the nested `token` (or `Token`) object, where CPA's
 * Google-style files keep `access_token` and `refresh_token` until first use (docs/providers.md#auth-files, docs/providers.md#gemini-cli-auth-file).
 */
export function readTokenField(data: Readonly<Record<string, unknown>>, key: string): string {
  for (const holder of [data, data.token, data.Token]) {
    if (!isRecord(holder)) continue;
    const value = holder[key];
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
  }
  return '';
}

/** CPA's reading of an auth file's `weight`: an integer (number or text) up to 1,000,000; anything else disables weighted picks of it. */
function readWeight(value: unknown): number {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return 1;
  const weight = typeof value === 'string' && /^[+-]?\d+$/.test(value.trim()) ? Number(value.trim()) : value;
  if (typeof weight !== 'number' || !Number.isInteger(weight) || weight > 1_000_000) return 0;
  return Math.max(0, weight);
}

/** `proxy-url` -> `proxy_url` at the top level; a snake_case key already present wins. */
function normaliseKeys(raw: Record<string, unknown>): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (!key.includes('-')) data[key] = value;
  }
  for (const [key, value] of Object.entries(raw)) {
    const snake = key.replaceAll('-', '_');
    if (key.includes('-') && !(snake in data)) data[snake] = value;
  }
  return data;
}

function stringField(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string' && item.trim() !== '').map((item) => item.trim()) : [];
}

function stringMap(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {};
  const result: Record<string, string> = {};
  for (const [key, item] of Object.entries(value)) if (typeof item === 'string') result[key] = item;
  return result;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
