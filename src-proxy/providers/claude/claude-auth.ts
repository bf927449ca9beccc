import type { ClaudeCloakMode } from '../../config/config-schema';
import type { AuthRecord } from '../../auth-store/auth-record';
import type { Credential } from '../../routing/credential';
import { oauthModelList } from '../../routing/oauth-model-list';
import { claudeApiModels } from '../claude-api/claude-api-models';
import { oauthCredential, stringField } from '../oauth/oauth-credential';
import type { OAuthCredentialContext, ProviderAuth } from '../provider-auth';
import { createClaudeRefresh } from './claude-auth-file';
import { startClaudeLogin } from './claude-login';
import { claudeCallbackPort, resolveClaudeOAuthEndpoints, type ClaudeOAuthEndpoints } from './claude-oauth-endpoints';
import { runClaudeLogin } from './run-claude-login';

/** Claude Code's PKCE login (docs/providers.md#claude-login), refresh (docs/providers.md#claude-refresh) and OAuth credentials (docs/providers.md#claude-executor). */
export const claudeAuth: ProviderAuth = {
  endpointKey: 'claude',
  fileTypes: ['claude'],
  // docs/providers.md#refresh-scheduling: 4 hours before expiry.
  refreshLeadMs: 4 * 60 * 60_000,
  login: { name: 'anthropic', aliases: ['anthropic', 'claude'], controlName: 'claude', authUrlRoute: 'anthropic-auth-url', webUiCallbackPath: '/anthropic/callback', callbackPort: claudeCallbackPort },
  cli: {
    name: 'claude',
    usage: 'cliproxy login claude [--config PATH] [--no-browser] [--callback-port N]',
    takesCallbackPort: true,
    run: (store, args, io) => runClaudeLogin(store, { noBrowser: args.noBrowser, callbackPort: args.callbackPort }, io),
  },
  bind(overrides, environment = process.env) {
    const endpoints = resolveClaudeOAuthEndpoints(overrides as Partial<ClaudeOAuthEndpoints> | undefined, environment);
    return {
      endpoints,
      refresh: createClaudeRefresh({ endpoints }),
      credentials: (record, context) => [claudeCredential(record, context, endpoints)],
      startLogin: (start) => startClaudeLogin({ ...start, endpoints }),
      apiCallUrls: [endpoints.profileUrl],
    };
  },
};

function claudeCredential(record: AuthRecord, context: OAuthCredentialContext, endpoints: ClaudeOAuthEndpoints): Credential {
  const deviceIds = record.data.claude_device_ids;
  return oauthCredential('claude', record, {
    baseUrl: endpoints.apiBase,
    models: oauthModelList('claude', claudeApiModels, context.config, { excludedModels: record.excludedModels, modelAliases: record.data.model_aliases }),
    // docs/providers.md#claude-executor: the default mode is auto, which cloaks a real OAuth token.
    cloak: { mode: cloakMode(record.cloak.mode), strictMode: record.cloak.strictMode, sensitiveWords: record.cloak.sensitiveWords, cacheUserId: record.cloak.cacheUserId },
    oauth: context.tokenSource({ deviceId: Array.isArray(deviceIds) && typeof deviceIds[0] === 'string' ? deviceIds[0] : '', accountUuid: stringField(record.data.account_uuid) }),
    headerDefaults: context.config.claudeHeaderDefaults ?? {},
  });
}

function cloakMode(mode: string | null): ClaudeCloakMode {
  return mode === 'always' || mode === 'never' ? mode : 'auto';
}
