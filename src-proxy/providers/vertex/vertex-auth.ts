import type { AuthRecord } from '../../auth-store/auth-record';
import type { Credential } from '../../routing/credential';
import { oauthModelList } from '../../routing/oauth-model-list';
import { oauthCredential } from '../oauth/oauth-credential';
import type { OAuthCredentialContext, ProviderAuthFiles } from '../provider-auth';
import { resolveVertexEndpoints, vertexApiBase, type VertexEndpoints } from './vertex-endpoints';
import { vertexModels } from './vertex-models';
import { readVertexServiceAccount } from './vertex-service-account';
import { VertexTokenCache } from './vertex-token-cache';

/**
 * Vertex service-account files (`type: vertex`, docs/providers.md#vertex-auth-file), written by
 * `POST /v0/management/vertex/import`: no login and nothing to refresh in the file; each engine keeps
 * the access tokens in its own cache.
 */
export const vertexAuth: ProviderAuthFiles = {
  endpointKey: 'vertex',
  fileTypes: ['vertex'],
  bind(overrides, environment = process.env) {
    const endpoints = resolveVertexEndpoints(overrides as Partial<VertexEndpoints> | undefined, environment);
    const tokens = new VertexTokenCache();
    return { endpoints, credentials: (record, context) => vertexCredentials(record, context, endpoints, tokens), apiCallUrls: [] };
  },
};

/**
 * One credential per file: base URL `{host}/v1/projects/{project}/locations/{location}`, the `vertex`
 * channel's models (`oauth-model-alias.vertex`, `oauth-excluded-models.vertex`). A file that cannot serve
 * (no key, no project) gives none; the auth-file list still shows it.
 */
function vertexCredentials(record: AuthRecord, context: OAuthCredentialContext, endpoints: VertexEndpoints, tokens: VertexTokenCache): Credential[] {
  const account = readVertexServiceAccount(record);
  if ('problem' in account) return [];
  const { projectId, location } = account;
  return [
    oauthCredential('vertex', record, {
      label: `vertex ${record.email || account.clientEmail || record.id}`,
      baseUrl: `${vertexApiBase(location, endpoints)}/v1/projects/${encodeURIComponent(projectId)}/locations/${encodeURIComponent(location)}`,
      models: oauthModelList('vertex', vertexModels, context.config, { excludedModels: record.excludedModels, modelAliases: record.data.model_aliases }),
      oauth: tokens.tokenSource(record.id, account),
    }),
  ];
}
