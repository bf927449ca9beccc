import type { ProviderQuota, ProviderUsageEndpoint } from '../providers/provider-quota';
import { allProviders } from '../providers/registry';
import type { Credential } from '../routing/credential';

/** Usage endpoint URLs by provider id ('claude', 'codex', 'gemini-cli'): tests point them at fakes. */
export type QuotaEndpointOverrides = Readonly<Record<string, string | undefined>>;

/** Each provider's quota part, by provider id (read once per upstream answer: a map lookup). */
const quotaByProvider: ReadonlyMap<string, ProviderQuota | undefined> = new Map(allProviders().map((provider) => [provider.id, provider.quota]));

export function providerQuotaOf(providerId: string): ProviderQuota | undefined {
  return quotaByProvider.get(providerId);
}

/** The usage endpoint an account can ask: OAuth accounts whose provider declares one. */
export function usageEndpointOf(credential: Credential): ProviderUsageEndpoint | undefined {
  return credential.oauth ? quotaByProvider.get(credential.provider)?.usageEndpoint : undefined;
}

/** The option override, then the provider's environment variable, then its default; `{base}` = the account's base URL. */
export function resolveUsageUrl(credential: Credential, endpoint: ProviderUsageEndpoint, overrides: QuotaEndpointOverrides, environment: NodeJS.ProcessEnv = process.env): string {
  const chosen = overrides[credential.provider] || (endpoint.environmentKey ? environment[endpoint.environmentKey] : undefined) || endpoint.url;
  return chosen.replace('{base}', credential.baseUrl);
}

/**
 * The fixed usage endpoints as account URLs by provider id: POST /api-call may send that provider's token
 * there. Endpoints on the account's own base URL (`{base}`) are allowed already as the base URL.
 */
export function quotaAccountUrls(overrides: QuotaEndpointOverrides, environment: NodeJS.ProcessEnv = process.env): Record<string, string[]> {
  const urls: Record<string, string[]> = {};
  for (const provider of allProviders()) {
    const endpoint = provider.quota?.usageEndpoint;
    if (!endpoint || endpoint.url.includes('{base}')) continue;
    urls[provider.id] = [overrides[provider.id] || (endpoint.environmentKey ? environment[endpoint.environmentKey] : undefined) || endpoint.url];
  }
  return urls;
}
