import type { AuthRecord } from '../../auth-store/auth-record';
import type { Credential } from '../../routing/credential';
import { oauthModelList } from '../../routing/oauth-model-list';
import { oauthCredential, stringField } from '../oauth/oauth-credential';
import type { OAuthCredentialContext, ProviderAuth } from '../provider-auth';
import { createIFlowRefresh } from './iflow-auth-file';
import { IFlowCookieLoginError, loginIFlowWithCookie } from './iflow-cookie-login';
import { startIFlowLogin } from './iflow-login';
import { iflowModels } from './iflow-models';
import { iflowCallbackPort, resolveIFlowOAuthEndpoints, type IFlowOAuthEndpoints } from './iflow-oauth-endpoints';
import { runIFlowLogin } from './run-iflow-login';

/** iFlow's OAuth login (docs/providers.md#iflow-login), cookie login (docs/providers.md#iflow-cookie-login), refresh (docs/providers.md#iflow-refresh) and credentials (docs/providers.md#iflow-executor). */
export const iflowAuth: ProviderAuth = {
  endpointKey: 'iflow',
  fileTypes: ['iflow'],
  // docs/providers.md#refresh-scheduling: 24 hours before expiry.
  refreshLeadMs: 24 * 60 * 60_000,
  login: {
    name: 'iflow',
    aliases: ['iflow'],
    controlName: 'iflow',
    authUrlRoute: 'iflow-auth-url',
    webUiCallbackPath: '/iflow/callback',
    callbackPort: iflowCallbackPort,
    cookieLogin: { statusOf: (error) => (error instanceof IFlowCookieLoginError ? error.httpStatus : undefined) },
  },
  cli: {
    name: 'iflow',
    usage: 'cliproxy login iflow [--config PATH] [--no-browser] [--callback-port N]',
    takesCallbackPort: true,
    run: (store, args, io) => runIFlowLogin(store, { noBrowser: args.noBrowser, callbackPort: args.callbackPort }, io),
  },
  bind(overrides, environment = process.env) {
    const endpoints = resolveIFlowOAuthEndpoints(overrides as Partial<IFlowOAuthEndpoints> | undefined, environment);
    return {
      endpoints,
      refresh: createIFlowRefresh(endpoints),
      credentials: (record, context) => [iflowCredential(record, context, endpoints)],
      startLogin: (start) => startIFlowLogin({ ...start, endpoints }),
      loginWithCookie: ({ store, cookie, now }) => loginIFlowWithCookie({ endpoints, store, cookie, ...(now ? { now } : {}) }),
      apiCallUrls: [],
    };
  },
};

/** docs/providers.md#iflow-executor: OpenAI Chat upstream at `base_url` or apis.iflow.cn/v1; the Bearer is the file's `api_key`, not the access token. */
function iflowCredential(record: AuthRecord, context: OAuthCredentialContext, endpoints: IFlowOAuthEndpoints): Credential {
  return oauthCredential('iflow', record, {
    baseUrl: stringField(record.data.base_url).replace(/\/+$/, '') || endpoints.apiBase,
    models: oauthModelList('iflow', iflowModels, context.config, { excludedModels: record.excludedModels, modelAliases: record.data.model_aliases }),
    oauth: context.tokenSource({ field: 'api_key' }),
  });
}
