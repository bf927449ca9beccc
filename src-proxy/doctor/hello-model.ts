import type { ProviderDefinition } from '../providers/provider-definition';
import type { Credential } from '../routing/credential';

/**
 * The model the doctor's hello asks through an account: the provider's cheapest (`helloModel`) when the
 * account serves it, else the first model the account names (its upstream name), else none (an
 * OpenAI-compatible entry without `models`: nothing is known to be cheap there).
 */
export function helloModelOf(credential: Credential, provider: ProviderDefinition): string | undefined {
  const named = credential.models;
  if (named === null || named.length === 0) return provider.helloModel;
  return named.find((entry) => entry.name === provider.helloModel)?.name ?? named[0]?.name;
}
