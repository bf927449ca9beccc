import { resolveEndpoints, resolvePollInterval } from '../oauth/resolve-endpoints';

/** Kimi Code's public OAuth client (docs/providers.md#kimi-login). */
export const kimiClientId = '17e5f671-d194-4dfb-9706-5516cb48c098';

export interface KimiOAuthEndpoints {
  deviceCodeUrl: string;
  tokenUrl: string;
  /** The Kimi Code API base: chat completions go to `{apiBase}/v1/chat/completions` (docs/providers.md#kimi-executor). */
  apiBase: string;
  /** docs/providers.md#kimi-login: the shortest wait between polls, 5 s (a longer server `interval` wins); tests shorten it. */
  pollIntervalMs: number;
}

export const defaultKimiOAuthEndpoints: KimiOAuthEndpoints = {
  deviceCodeUrl: 'https://auth.kimi.com/api/oauth/device_authorization',
  tokenUrl: 'https://auth.kimi.com/api/oauth/token',
  apiBase: 'https://api.kimi.com/coding',
  pollIntervalMs: 5000,
};

type UrlKey = Exclude<keyof KimiOAuthEndpoints, 'pollIntervalMs'>;

const environmentKeys: Readonly<Record<UrlKey, string>> = {
  deviceCodeUrl: 'CLIPROXY_KIMI_DEVICE_CODE_URL',
  tokenUrl: 'CLIPROXY_KIMI_TOKEN_URL',
  apiBase: 'CLIPROXY_KIMI_BASE_URL',
};

/** Defaults, then the environment, then explicit options (a test's fake server) win; the poll interval likewise. */
export function resolveKimiOAuthEndpoints(overrides: Partial<KimiOAuthEndpoints> = {}, environment: NodeJS.ProcessEnv = process.env): KimiOAuthEndpoints {
  const result = resolveEndpoints(defaultKimiOAuthEndpoints, environmentKeys, overrides, environment);
  return { ...result, pollIntervalMs: resolvePollInterval(result.pollIntervalMs, environment.CLIPROXY_KIMI_POLL_INTERVAL_MS, overrides.pollIntervalMs) };
}
