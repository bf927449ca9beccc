import type { AuthRecord } from '../../auth-store/auth-record';
import type { Credential } from '../../routing/credential';
import { oauthModelList } from '../../routing/oauth-model-list';
import { oauthCredential, stringField } from '../oauth/oauth-credential';
import type { OAuthCredentialContext, ProviderAuth } from '../provider-auth';
import { createXaiRefresh } from './xai-auth-file';
import { grokCliHeaders } from './xai-executor';
import { startXaiLogin } from './xai-login';
import { xaiModels } from './xai-models';
import { resolveXaiOAuthEndpoints, type XaiOAuthEndpoints } from './xai-oauth-endpoints';
import { runXaiLogin } from './run-xai-login';

/** xAI's device flow (docs/providers.md#xai-login), refresh (docs/providers.md#xai-refresh) and OAuth credentials (docs/providers.md#xai-executor). */
export const xaiAuth: ProviderAuth = {
  endpointKey: 'xai',
  fileTypes: ['xai'],
  // docs/providers.md#refresh-scheduling: 5 minutes before expiry, as CPA.
  refreshLeadMs: 5 * 60_000,
  // A device flow: no browser callback. CPA's management API accepts these names for its sessions.
  login: { name: 'xai', aliases: ['xai', 'x-ai', 'x.ai', 'grok'], controlName: 'xai', authUrlRoute: 'xai-auth-url' },
  cli: { name: 'xai', usage: 'cliproxy login xai [--config PATH]', takesCallbackPort: false, run: (store, _args, io) => runXaiLogin(store, io) },
  bind(overrides, environment = process.env) {
    const endpoints = resolveXaiOAuthEndpoints(overrides as Partial<XaiOAuthEndpoints> | undefined, environment);
    return {
      endpoints,
      refresh: createXaiRefresh(endpoints),
      credentials: (record, context) => [xaiCredential(record, context, endpoints)],
      startLogin: (start) => startXaiLogin({ endpoints, store: start.store, ...(start.now ? { now: start.now } : {}) }),
      apiCallUrls: [],
    };
  },
};

/**
 * docs/providers.md#xai-executor: a login chats through the Grok CLI chat proxy with the CLI's identity headers,
 * unless the file says `using_api: true` (the official API at `base_url`) or names a `base_url` of its own.
 */
function xaiCredential(record: AuthRecord, context: OAuthCredentialContext, endpoints: XaiOAuthEndpoints): Credential {
  const baseUrl = chatBaseUrl(record, endpoints);
  return oauthCredential('xai', record, {
    baseUrl,
    // The file's own headers come last, so they can still replace the CLI identity.
    headers: baseUrl === endpoints.chatProxyBase ? { ...grokCliHeaders, ...record.headers } : record.headers,
    models: oauthModelList('xai', xaiModels, context.config, { excludedModels: record.excludedModels, modelAliases: record.data.model_aliases }),
    oauth: context.tokenSource(),
  });
}

function chatBaseUrl(record: AuthRecord, endpoints: XaiOAuthEndpoints): string {
  const fileBase = stringField(record.data.base_url).trim().replace(/\/+$/, '');
  if (usesApi(record)) return fileBase || endpoints.apiBase;
  return fileBase !== '' && fileBase !== endpoints.apiBase ? fileBase : endpoints.chatProxyBase;
}

/** The file's `using_api` (a boolean or "true"/"false"); absent: a file that is not `auth_kind: oauth` uses the API. */
function usesApi(record: AuthRecord): boolean {
  const value = record.data.using_api;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false|1|0)$/i.test(value.trim())) return /^(true|1)$/i.test(value.trim());
  return stringField(record.data.auth_kind).toLowerCase() !== 'oauth';
}
