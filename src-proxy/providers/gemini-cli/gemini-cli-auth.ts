import type { AuthRecord } from '../../auth-store/auth-record';
import type { Credential } from '../../routing/credential';
import { oauthModelList } from '../../routing/oauth-model-list';
import { oauthCredential, stringField } from '../oauth/oauth-credential';
import type { OAuthCredentialContext, ProviderAuth } from '../provider-auth';
import { createGeminiCliRefresh } from './gemini-cli-auth-file';
import { startGeminiCliLogin } from './gemini-cli-login';
import { geminiCliModels } from './gemini-cli-models';
import { geminiCliCallbackPort, resolveGeminiCliOAuthEndpoints, type GeminiCliOAuthEndpoints } from './gemini-cli-oauth-endpoints';
import { runGeminiLogin } from './run-gemini-login';

/** Gemini CLI's Google login (docs/providers.md#gemini-cli-login), refresh (docs/providers.md#gemini-cli-tokens) and Cloud Code Assist credentials (docs/providers.md#gemini-cli-auth-file, docs/providers.md#gemini-cli-executor). */
export const geminiCliAuth: ProviderAuth = {
  // CLIProxyAPI's name for this login: the `gemini` endpoint overrides, `type: gemini` files, `/google/callback`.
  endpointKey: 'gemini',
  fileTypes: ['gemini'],
  // docs/providers.md#refresh-scheduling: refreshed lazily, about 10 s before expiry.
  refreshLeadMs: 10_000,
  login: { name: 'gemini', aliases: ['gemini', 'gemini-cli', 'google'], controlName: 'gemini', authUrlRoute: 'gemini-cli-auth-url', webUiCallbackPath: '/google/callback', callbackPort: geminiCliCallbackPort, takesProjectId: true },
  cli: {
    name: 'gemini',
    usage: 'cliproxy login gemini [--project-id ID] [--config PATH] [--no-browser] [--callback-port N]',
    takesCallbackPort: true,
    run: (store, args, io) => runGeminiLogin(store, { noBrowser: args.noBrowser, callbackPort: args.callbackPort, projectId: args.projectId }, io),
  },
  bind(overrides, environment = process.env) {
    const endpoints = resolveGeminiCliOAuthEndpoints(overrides as Partial<GeminiCliOAuthEndpoints> | undefined, environment);
    return {
      endpoints,
      refresh: createGeminiCliRefresh(endpoints),
      credentials: (record, context) => geminiCliCredentials(record, context, endpoints),
      startLogin: (start) => startGeminiCliLogin({ ...start, endpoints, projectId: start.projectId ?? '' }),
      apiCallUrls: [],
    };
  },
};

/**
 * docs/providers.md#gemini-cli-auth-file, docs/providers.md#gemini-cli-executor: Cloud Code Assist with the file's `project_id` in the envelope. A comma list becomes one
 * virtual credential per project (`auth:<file>::<project>`, label `<email> [<project>]`) sharing the token.
 */
function geminiCliCredentials(record: AuthRecord, context: OAuthCredentialContext, endpoints: GeminiCliOAuthEndpoints): Credential[] {
  const projects = stringField(record.data.project_id).split(',').map((project) => project.trim()).filter(Boolean);
  const models = oauthModelList('gemini-cli', geminiCliModels, context.config, { excludedModels: record.excludedModels, modelAliases: record.data.model_aliases });
  const one = (projectId: string, virtual: boolean): Credential =>
    oauthCredential('gemini-cli', record, {
      ...(virtual ? { id: `auth:${record.id}::${projectId}`, label: `gemini-cli ${record.email || record.id} [${projectId}]` } : {}),
      baseUrl: endpoints.codeAssistBase,
      models,
      oauth: { ...context.tokenSource(), projectId },
    });
  return projects.length > 1 ? projects.map((project) => one(project, true)) : [one(projects[0] ?? '', false)];
}
