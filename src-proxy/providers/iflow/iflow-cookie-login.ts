import type { AuthRecord } from '../../auth-store/auth-record';
import type { AuthStore } from '../../auth-store/auth-store';
import { formatAuthTime, parseAuthTime } from '../../auth-store/parse-auth-time';
import type { IFlowOAuthEndpoints } from './iflow-oauth-endpoints';

/** A cookie login refused with the HTTP status the management route answers (400 no BXAuth, 409 duplicate, 502 iFlow). */
export class IFlowCookieLoginError extends Error {
  constructor(
    message: string,
    readonly httpStatus: 400 | 409 | 502,
  ) {
    super(message);
    this.name = 'IFlowCookieLoginError';
  }
}

/** The browser headers CPA sends to platform.iflow.cn with the cookie (docs/providers.md#iflow-cookie-login). */
const browserHeaders: Readonly<Record<string, string>> = {
  accept: 'application/json, text/plain, */*',
  'user-agent': 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
};

/**
 * iFlow's cookie login (docs/providers.md#iflow-cookie-login, `POST /v0/management/iflow-auth-url {cookie}`): the cookie must carry
 * `BXAuth=`; a BXAuth already in another iflow file is refused (409). `GET apikey` names the account, `POST
 * apikey {name}` (Origin/Referer platform.iflow.cn) returns the key to use; only `BXAuth=<v>;` is stored, in
 * `iflow-<name>-<unix>.json` with the key's `expired`. The cookie and key never reach errors or logs.
 */
export async function loginIFlowWithCookie(options: { endpoints: IFlowOAuthEndpoints; store: AuthStore; cookie: string; now?: () => number }): Promise<{ email: string; accountId: string }> {
  const bxAuth = readBxAuth(options.cookie);
  if (!bxAuth) throw new IFlowCookieLoginError('The cookie has no BXAuth value', 400);
  const cookie = `BXAuth=${bxAuth};`;
  if (options.store.list().some((record) => record.provider === 'iflow' && readBxAuth(String(record.data.cookie ?? '')) === bxAuth)) {
    throw new IFlowCookieLoginError('An iFlow account with this BXAuth cookie already exists', 409);
  }
  const account = await callApiKey(options.endpoints.apiKeyUrl, { method: 'GET', headers: { ...browserHeaders, cookie } });
  const name = text(account.name);
  const issued = await postApiKey(options.endpoints.apiKeyUrl, cookie, name);
  const apiKey = text(issued.apiKey) || text(account.apiKey);
  if (!apiKey) throw new IFlowCookieLoginError('iFlow returned no API key for this cookie', 502);
  const now = (options.now ?? Date.now)();
  const accountId = `iflow-${(name || 'account').replace(/[^A-Za-z0-9@._-]+/g, '_').replace(/^\.+/, '_')}-${Math.floor(now / 1000)}.json`;
  // `expireTime` is "YYYY-MM-DD HH:MM" (docs/providers.md#iflow-cookie-login); kept in that form, which CPA reads back.
  const expireTime = text(issued.expireTime) || text(account.expireTime);
  const data = { type: 'iflow', api_key: apiKey, email: name, expired: parseAuthTime(expireTime) !== null ? expireTime : '', last_refresh: formatAuthTime(now), cookie, disabled: false };
  await options.store.saveNew(accountId, data);
  return { email: name, accountId };
}

/** docs/providers.md#iflow-refresh: a cookie file's key is renewed with `POST apikey {name: email}`; the new key and its expiry are stored. */
export async function refreshIFlowCookieKey(endpoints: IFlowOAuthEndpoints, record: AuthRecord, now: number): Promise<Record<string, unknown>> {
  const cookie = `BXAuth=${readBxAuth(String(record.data.cookie ?? ''))};`;
  const issued = await postApiKey(endpoints.apiKeyUrl, cookie, record.email);
  const apiKey = text(issued.apiKey);
  if (!apiKey) throw new IFlowCookieLoginError('iFlow returned no API key for this cookie', 502);
  const expireTime = text(issued.expireTime);
  return { api_key: apiKey, ...(parseAuthTime(expireTime) !== null ? { expired: expireTime } : {}), last_refresh: formatAuthTime(now), type: 'iflow' };
}

function postApiKey(url: string, cookie: string, name: string): Promise<Record<string, unknown>> {
  return callApiKey(url, {
    method: 'POST',
    headers: { ...browserHeaders, cookie, 'content-type': 'application/json', origin: 'https://platform.iflow.cn', referer: 'https://platform.iflow.cn' },
    body: JSON.stringify({ name }),
  });
}

export function readBxAuth(cookie: string): string {
  return /(?:^|;)\s*BXAuth=([^;]+)/.exec(cookie)?.[1]?.trim() ?? '';
}

async function callApiKey(url: string, init: RequestInit): Promise<Record<string, unknown>> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
  } catch {
    throw new IFlowCookieLoginError('iFlow could not be reached', 502);
  }
  const parsed: unknown = await response.json().catch(() => null);
  const body = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  if (!response.ok || body.success !== true) throw new IFlowCookieLoginError(`iFlow refused the cookie (HTTP ${response.status})`, 502);
  return typeof body.data === 'object' && body.data !== null ? (body.data as Record<string, unknown>) : {};
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}
