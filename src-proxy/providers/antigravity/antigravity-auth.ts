import type { AuthRecord } from '../../auth-store/auth-record';
import type { Credential } from '../../routing/credential';
import { oauthModelList } from '../../routing/oauth-model-list';
import { oauthCredential, stringField } from '../oauth/oauth-credential';
import type { OAuthCredentialContext, ProviderAuth } from '../provider-auth';
import { createAntigravityRefresh, hasAntigravityProject } from './antigravity-auth-file';
import { startAntigravityLogin } from './antigravity-login';
import { antigravityModels } from './antigravity-models';
import { antigravityCallbackPort, resolveAntigravityEndpoints, type AntigravityEndpoints } from './antigravity-oauth-endpoints';
import { runAntigravityLogin } from './run-antigravity-login';

/** Antigravity's Google login (docs/providers.md#antigravity-login), refresh (docs/providers.md#antigravity-refresh) and Cloud Code credentials (docs/providers.md#antigravity-executor). */
export const antigravityAuth: ProviderAuth = {
  endpointKey: 'antigravity',
  fileTypes: ['antigravity'],
  // docs/providers.md#refresh-scheduling: CPA's Antigravity authenticator refreshes 5 minutes before expiry.
  refreshLeadMs: 5 * 60_000,
  login: { name: 'antigravity', aliases: ['antigravity', 'anti-gravity'], controlName: 'antigravity', authUrlRoute: 'antigravity-auth-url', webUiCallbackPath: '/antigravity/callback', callbackPort: antigravityCallbackPort },
  cli: {
    name: 'antigravity',
    usage: 'cliproxy login antigravity [--config PATH] [--no-browser] [--callback-port N]',
    takesCallbackPort: true,
    run: (store, args, io) => runAntigravityLogin(store, { noBrowser: args.noBrowser, callbackPort: args.callbackPort }, io),
  },
  bind(overrides, environment = process.env) {
    const endpoints = resolveAntigravityEndpoints(overrides as Partial<AntigravityEndpoints> | undefined, environment);
    return {
      endpoints,
      refresh: createAntigravityRefresh(endpoints),
      // A file without a project is served once its refresh found one (docs/providers.md#antigravity-refresh).
      credentials: (record, context) => (hasAntigravityProject(record) ? [antigravityCredential(record, context, endpoints)] : []),
      startLogin: (start) => startAntigravityLogin({ ...start, endpoints }),
      // The official panel's Antigravity quota card asks Cloud Code's production origin too (the base URL is the daily one).
      apiCallUrls: [endpoints.loadCodeAssistBase],
    };
  },
};

/**
 * docs/providers.md#antigravity-executor: the daily Cloud Code origin, or the file's own `base_url` (a CPA field, e.g. a
 * relay), with the file's `project_id` in the envelope.
 */
function antigravityCredential(record: AuthRecord, context: OAuthCredentialContext, endpoints: AntigravityEndpoints): Credential {
  return oauthCredential('antigravity', record, {
    baseUrl: stringField(record.data.base_url).trim().replace(/\/+$/, '') || endpoints.apiBase,
    models: oauthModelList('antigravity', antigravityModels, context.config, { excludedModels: record.excludedModels, modelAliases: record.data.model_aliases }),
    oauth: { ...context.tokenSource(), projectId: stringField(record.data.project_id).trim() },
  });
}
