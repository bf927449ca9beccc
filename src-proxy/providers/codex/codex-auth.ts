import type { AuthRecord } from '../../auth-store/auth-record';
import type { Credential } from '../../routing/credential';
import { oauthModelList } from '../../routing/oauth-model-list';
import { oauthCredential, stringField } from '../oauth/oauth-credential';
import type { OAuthCredentialContext, ProviderAuth } from '../provider-auth';
import { createCodexRefresh } from './codex-auth-file';
import { codexIdTokenEntry, readCodexIdToken } from './codex-id-token';
import { startCodexLogin } from './codex-login';
import { codexModelsForPlan } from './codex-models';
import { codexCallbackPort, resolveCodexOAuthEndpoints, type CodexOAuthEndpoints } from './codex-oauth-endpoints';
import { runCodexDeviceLogin, runCodexLogin } from './run-codex-login';

/** ChatGPT (Codex) PKCE and device logins (docs/providers.md#codex-login), refresh (docs/providers.md#codex-refresh) and OAuth credentials (docs/providers.md#codex-auth-file, docs/providers.md#codex-executor). */
export const codexAuth: ProviderAuth = {
  endpointKey: 'codex',
  fileTypes: ['codex'],
  // docs/providers.md#refresh-scheduling: 5 days before expiry.
  refreshLeadMs: 5 * 24 * 60 * 60_000,
  login: { name: 'codex', aliases: ['codex', 'openai'], controlName: 'codex', authUrlRoute: 'codex-auth-url', webUiCallbackPath: '/codex/callback', callbackPort: codexCallbackPort },
  cli: {
    name: 'codex',
    usage: 'cliproxy login codex [--config PATH] [--no-browser] [--callback-port N] [--device]',
    takesCallbackPort: true,
    run: (store, args, io) => (args.device ? runCodexDeviceLogin(store, io) : runCodexLogin(store, { noBrowser: args.noBrowser, callbackPort: args.callbackPort }, io)),
  },
  authFileIdToken: (record) => codexIdTokenEntry(record.data.id_token),
  bind(overrides, environment = process.env) {
    const endpoints = resolveCodexOAuthEndpoints(overrides as Partial<CodexOAuthEndpoints> | undefined, environment);
    return {
      endpoints,
      refresh: createCodexRefresh({ endpoints }),
      credentials: (record, context) => [codexCredential(record, context, endpoints)],
      startLogin: (start) => startCodexLogin({ ...start, endpoints }),
      apiCallUrls: [],
    };
  },
};

/** ChatGPT accounts (docs/providers.md#codex-auth-file, docs/providers.md#codex-executor): models by the id_token's plan (docs/providers.md#model-lists), `Chatgpt-Account-Id` from `account_id` or the id_token. */
function codexCredential(record: AuthRecord, context: OAuthCredentialContext, endpoints: CodexOAuthEndpoints): Credential {
  const claims = readCodexIdToken(record.data.id_token);
  return oauthCredential('codex', record, {
    label: `codex ${record.email || claims.email || record.id}`,
    baseUrl: stringField(record.data.base_url).replace(/\/+$/, '') || endpoints.apiBase,
    models: oauthModelList('codex', codexModelsForPlan(claims.planType), context.config, { excludedModels: record.excludedModels, modelAliases: record.data.model_aliases }),
    oauth: { ...context.tokenSource(), accountId: stringField(record.data.account_id) || claims.accountId },
    headerDefaults: context.config.codexHeaderDefaults ?? {},
  });
}
