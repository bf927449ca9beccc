import { resolveEndpoints, resolvePollInterval } from '../oauth/resolve-endpoints';

/** Qwen Code's public OAuth client and scope (docs/providers.md#qwen-login). */
export const qwenClientId = 'f0304373b74a44d2b584a3fb70ca9e56';
export const qwenScope = 'openid profile email model.completion';

export interface QwenOAuthEndpoints {
  deviceCodeUrl: string;
  tokenUrl: string;
  /** Upstream base when the account's file names no `resource_url` (docs/providers.md#qwen-executor). */
  apiBase: string;
  /** docs/providers.md#qwen-login: the device-code poll interval, 5 s (the server's `interval` is ignored); tests shorten it. */
  pollIntervalMs: number;
}

export const defaultQwenOAuthEndpoints: QwenOAuthEndpoints = {
  deviceCodeUrl: 'https://chat.qwen.ai/api/v1/oauth2/device/code',
  tokenUrl: 'https://chat.qwen.ai/api/v1/oauth2/token',
  apiBase: 'https://portal.qwen.ai/v1',
  pollIntervalMs: 5000,
};

type UrlKey = Exclude<keyof QwenOAuthEndpoints, 'pollIntervalMs'>;

const environmentKeys: Readonly<Record<UrlKey, string>> = {
  deviceCodeUrl: 'CLIPROXY_QWEN_DEVICE_CODE_URL',
  tokenUrl: 'CLIPROXY_QWEN_TOKEN_URL',
  apiBase: 'CLIPROXY_QWEN_BASE_URL',
};

/** Defaults, then the environment, then explicit options (a test's fake server) win. */
export function resolveQwenOAuthEndpoints(overrides: Partial<QwenOAuthEndpoints> = {}, environment: NodeJS.ProcessEnv = process.env): QwenOAuthEndpoints {
  const result = resolveEndpoints(defaultQwenOAuthEndpoints, environmentKeys, overrides, environment);
  return { ...result, pollIntervalMs: resolvePollInterval(result.pollIntervalMs, environment.CLIPROXY_QWEN_POLL_INTERVAL_MS, overrides.pollIntervalMs) };
}

/**
 * docs/providers.md#qwen-executor: `https://` + `resource_url` + `/v1`, normalised: a value that already names a scheme keeps it,
 * trailing slashes go, `/v1` is not doubled. No `resource_url` -> the default base.
 */
export function qwenBaseUrl(resourceUrl: string, fallback: string): string {
  const trimmed = resourceUrl.trim().replace(/\/+$/, '');
  if (trimmed === '') return fallback;
  const withScheme = /^https?:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  return withScheme.endsWith('/v1') ? withScheme : `${withScheme}/v1`;
}
