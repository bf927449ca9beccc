import type { EngineConfig } from '../config/engine-config';
import { buildCredentials } from '../providers/build-credentials';
import type { OAuthEndpointOverrides } from '../providers/provider-auth';
import { authFileProviders } from '../providers/registry';

/**
 * The hosts the engine talks to: every auth-file provider's endpoints (after environment and `overrides`, so
 * tests point them at local fakes) and the base URL of every API-key entry in config, as origins, once each.
 */
export function providerOrigins(config: EngineConfig, overrides: OAuthEndpointOverrides = {}, environment: NodeJS.ProcessEnv = process.env): string[] {
  const urls: string[] = [];
  for (const provider of authFileProviders) {
    const endpoints = provider.auth.bind(overrides[provider.auth.endpointKey], environment).endpoints as Record<string, unknown>;
    for (const value of Object.values(endpoints)) if (typeof value === 'string') urls.push(value);
  }
  for (const credential of buildCredentials(config)) urls.push(credential.baseUrl);
  const origins = new Set<string>();
  for (const url of urls) {
    try {
      const parsed = new URL(url);
      if (parsed.protocol === 'https:' || parsed.protocol === 'http:') origins.add(parsed.origin);
    } catch {
      // Not a URL (a client id among the endpoint values): not a host to reach.
    }
  }
  return [...origins];
}
