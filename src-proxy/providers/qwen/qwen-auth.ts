import type { AuthRecord } from '../../auth-store/auth-record';
import type { Credential } from '../../routing/credential';
import { oauthModelList } from '../../routing/oauth-model-list';
import { oauthCredential, stringField } from '../oauth/oauth-credential';
import type { OAuthCredentialContext, ProviderAuth } from '../provider-auth';
import { createQwenRefresh } from './qwen-auth-file';
import { startQwenLogin } from './qwen-login';
import { qwenModels } from './qwen-models';
import { qwenBaseUrl, resolveQwenOAuthEndpoints, type QwenOAuthEndpoints } from './qwen-oauth-endpoints';
import { runQwenLogin } from './run-qwen-login';

/** Qwen Code's device flow (docs/providers.md#qwen-login), refresh (docs/providers.md#qwen-refresh) and OAuth credentials (docs/providers.md#qwen-executor). */
export const qwenAuth: ProviderAuth = {
  endpointKey: 'qwen',
  fileTypes: ['qwen'],
  // docs/providers.md#refresh-scheduling: 20 minutes before expiry.
  refreshLeadMs: 20 * 60_000,
  // A device flow: no browser callback, so no web-UI callback route and no pasted callback.
  login: { name: 'qwen', aliases: ['qwen'], controlName: 'qwen', authUrlRoute: 'qwen-auth-url' },
  cli: { name: 'qwen', usage: 'cliproxy login qwen [NAME] [--config PATH]', takesCallbackPort: false, run: (store, args, io) => runQwenLogin(store, args.name, io) },
  bind(overrides, environment = process.env) {
    const endpoints = resolveQwenOAuthEndpoints(overrides as Partial<QwenOAuthEndpoints> | undefined, environment);
    return {
      endpoints,
      refresh: createQwenRefresh(endpoints),
      credentials: (record, context) => [qwenCredential(record, context, endpoints)],
      startLogin: (start) => startQwenLogin({ endpoints, store: start.store, ...(start.now ? { now: start.now } : {}) }),
      apiCallUrls: [],
    };
  },
};

/** docs/providers.md#qwen-executor: OpenAI Chat upstream at the file's `resource_url` (read per build; a refresh that moves it rebuilds). */
function qwenCredential(record: AuthRecord, context: OAuthCredentialContext, endpoints: QwenOAuthEndpoints): Credential {
  return oauthCredential('qwen', record, {
    baseUrl: qwenBaseUrl(stringField(record.data.resource_url), endpoints.apiBase),
    models: oauthModelList('qwen', qwenModels, context.config, { excludedModels: record.excludedModels, modelAliases: record.data.model_aliases }),
    oauth: context.tokenSource(),
  });
}
