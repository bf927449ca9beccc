import type { AuthRecord } from '../../auth-store/auth-record';
import type { Credential } from '../../routing/credential';

/** What every provider sets itself on an auth file's credential (`headers`: the file's, unless the provider adds its own first); the rest is the same for all of them. */
export type OAuthCredentialFields = Pick<Credential, 'baseUrl' | 'models' | 'oauth'> & Partial<Pick<Credential, 'id' | 'label' | 'cloak' | 'headerDefaults' | 'headers'>>;

/**
 * An auth file's routing credential: id `auth:<file>`, label `<provider> <email or file>`, the file's prefix,
 * priority, proxy and headers, no API key (the token comes from `oauth`). Exclusions already removed catalog
 * names before aliasing (docs/config.md#oauth-model-alias-and-oauth-excluded-models), so `excludedModels` stays empty.
 */
export function oauthCredential(provider: string, record: AuthRecord, fields: OAuthCredentialFields): Credential {
  return {
    id: `auth:${record.id}`,
    provider,
    providerKey: provider,
    label: `${provider} ${record.email || record.id}`,
    order: 0,
    prefix: record.prefix,
    priority: record.priority,
    apiKey: '',
    proxyUrl: record.proxyUrl,
    headers: record.headers,
    excludedModels: [],
    ...fields,
  };
}

export function stringField(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
