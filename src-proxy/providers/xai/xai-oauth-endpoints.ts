import { resolveEndpoints, resolvePollInterval } from '../oauth/resolve-endpoints';

/** The Grok CLI's public OAuth client and scopes (docs/providers.md#xai-login). */
export const xaiClientId = 'b1a00492-073a-47ea-816f-4c329264a828';
export const xaiScope = 'openid profile email offline_access grok-cli:access api:access';

export interface XaiOAuthEndpoints {
  /** OIDC discovery: names the device-authorization and token endpoints. */
  discoveryUrl: string;
  /** The official API (`api_base` of new files, API-key default, `using_api: true` accounts). */
  apiBase: string;
  /** The Grok CLI chat proxy that OAuth accounts chat through by default (docs/providers.md#xai-executor). */
  chatProxyBase: string;
  /** docs/providers.md#xai-login: at least 5 s between polls (more when the server asks); tests shorten it. */
  pollIntervalMs: number;
}

export const defaultXaiOAuthEndpoints: XaiOAuthEndpoints = {
  discoveryUrl: 'https://auth.x.ai/.well-known/openid-configuration',
  apiBase: 'https://api.x.ai/v1',
  chatProxyBase: 'https://cli-chat-proxy.grok.com/v1',
  pollIntervalMs: 5000,
};

type UrlKey = Exclude<keyof XaiOAuthEndpoints, 'pollIntervalMs'>;

const environmentKeys: Readonly<Record<UrlKey, string>> = {
  discoveryUrl: 'CLIPROXY_XAI_DISCOVERY_URL',
  apiBase: 'CLIPROXY_XAI_API_BASE_URL',
  chatProxyBase: 'CLIPROXY_XAI_CHAT_PROXY_URL',
};

/** Defaults, then the environment, then explicit options (a test's fake server) win. */
export function resolveXaiOAuthEndpoints(overrides: Partial<XaiOAuthEndpoints> = {}, environment: NodeJS.ProcessEnv = process.env): XaiOAuthEndpoints {
  const result = resolveEndpoints(defaultXaiOAuthEndpoints, environmentKeys, overrides, environment);
  return { ...result, pollIntervalMs: resolvePollInterval(result.pollIntervalMs, environment.CLIPROXY_XAI_POLL_INTERVAL_MS, overrides.pollIntervalMs) };
}

/**
 * docs/providers.md#xai-login: an endpoint named by the discovery document must be https on x.ai (or a
 * subdomain), as CPA checks, so a tampered document cannot send device codes or refresh tokens elsewhere.
 * A discovery URL moved elsewhere (a test's fake, a relay) allows only its own origin instead.
 */
export function checkDiscoveredEndpoint(url: string, field: string, discoveryUrl: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    throw new Error(`The xAI discovery document has no valid ${field}`);
  }
  const official = discoveryUrl === defaultXaiOAuthEndpoints.discoveryUrl;
  const host = parsed.hostname.toLowerCase();
  const allowed = official ? parsed.protocol === 'https:' && (host === 'x.ai' || host.endsWith('.x.ai')) : parsed.origin === new URL(discoveryUrl).origin;
  if (!allowed) throw new Error(`The xAI discovery document names ${field} on ${parsed.origin}, which is not ${official ? 'an https x.ai host' : 'the discovery origin'}`);
  return parsed.toString();
}
