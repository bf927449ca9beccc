import type { QuotaReading } from '../quota/quota-types';
import type { ResponseHeaders } from '../quota/quota-window';
import type { Credential } from '../routing/credential';

/**
 * A provider's account usage endpoint (src-proxy/quota/README.md, "Usage endpoints"): asked on demand with
 * the account's OAuth token, through the account's proxy. The quota service resolves the URL, sends the
 * request with the token refreshed when due, and decodes the answer here.
 */
export interface ProviderUsageEndpoint {
  /** The endpoint; `{base}` stands for the account's base URL (Gemini CLI: its Code Assist origin). */
  url: string;
  /** Environment variable that overrides `url` (tests and relays); the quota service's `endpoints` option wins over it. */
  environmentKey?: string;
  method: 'GET' | 'POST';
  /** Headers besides `Authorization: Bearer <token>` and `Accept: application/json` (the client identity the endpoint expects). */
  headers(credential: Credential): Record<string, string>;
  /** JSON body of a POST. */
  body?(credential: Credential): string;
  /** The endpoint's JSON answer as a reading; undefined when it is not one (not an object). */
  decode(body: unknown, now: number): QuotaReading | undefined;
}

/**
 * What a provider tells about an account's quota (ProviderDefinition.quota). The quota service loops over
 * the registry's providers and uses the part of a credential's provider; a provider without one reports nothing.
 */
export interface ProviderQuota {
  /** Passive: this upstream's rate-limit headers on every answer. Cheap when absent (a few lookups). */
  readHeaders?(headers: ResponseHeaders, now: number): QuotaReading | undefined;
  /** Active: the usage endpoint an OAuth account of this provider can ask. */
  usageEndpoint?: ProviderUsageEndpoint;
  /** Said plainly to the user when the provider reports no quota at all (Qwen, iFlow). */
  unknown?: string;
}
