import type { AuthRecord } from '../../auth-store/auth-record';
import type { Credential } from '../../routing/credential';
import { oauthModelList } from '../../routing/oauth-model-list';
import { oauthCredential } from '../oauth/oauth-credential';
import type { OAuthCredentialContext, ProviderAuth } from '../provider-auth';
import { createKimiRefresh, kimiDeviceIdOf } from './kimi-auth-file';
import { kimiCliDeviceId } from './kimi-identity';
import { startKimiLogin } from './kimi-login';
import { kimiModels } from './kimi-models';
import { resolveKimiOAuthEndpoints, type KimiOAuthEndpoints } from './kimi-oauth-endpoints';
import { runKimiLogin } from './run-kimi-login';

/** Kimi's device flow (docs/providers.md#kimi-login), refresh (docs/providers.md#kimi-refresh) and OAuth credentials (docs/providers.md#kimi-executor). */
export const kimiAuth: ProviderAuth = {
  endpointKey: 'kimi',
  fileTypes: ['kimi'],
  // docs/providers.md#refresh-scheduling: 5 minutes before expiry, as CLIProxyAPI.
  refreshLeadMs: 5 * 60_000,
  // A device flow: no browser callback, so no web-UI callback route and no pasted callback.
  login: { name: 'kimi', aliases: ['kimi'], controlName: 'kimi', authUrlRoute: 'kimi-auth-url' },
  cli: { name: 'kimi', usage: 'cliproxy login kimi [--config PATH]', takesCallbackPort: false, run: (store, _args, io) => runKimiLogin(store, io) },
  bind(overrides, environment = process.env) {
    const endpoints = resolveKimiOAuthEndpoints(overrides as Partial<KimiOAuthEndpoints> | undefined, environment);
    // Read once, and only for a file without a device id of its own.
    let cliDeviceId: string | undefined;
    const fallbackDeviceId = () => (cliDeviceId ??= kimiCliDeviceId());
    return {
      endpoints,
      refresh: createKimiRefresh(endpoints, fallbackDeviceId),
      credentials: (record, context) => [kimiCredential(record, context, endpoints, fallbackDeviceId)],
      startLogin: (start) => startKimiLogin({ endpoints, store: start.store, ...(start.now ? { now: start.now } : {}) }),
      apiCallUrls: [],
    };
  },
};

/** docs/providers.md#kimi-executor: the Kimi Code API with the file's device id (sent as `X-Msh-Device-Id`). */
function kimiCredential(record: AuthRecord, context: OAuthCredentialContext, endpoints: KimiOAuthEndpoints, fallbackDeviceId: () => string): Credential {
  return oauthCredential('kimi', record, {
    baseUrl: endpoints.apiBase,
    models: oauthModelList('kimi', kimiModels, context.config, { excludedModels: record.excludedModels, modelAliases: record.data.model_aliases }),
    oauth: context.tokenSource({ deviceId: kimiDeviceIdOf(record, fallbackDeviceId) }),
  });
}
