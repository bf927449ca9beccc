import type { ProviderDefinition } from '../provider-definition';
import { vertexAuth } from './vertex-auth';
import { buildVertexRequest } from './vertex-executor';
import { vertexModels } from './vertex-models';

/** Vertex AI (docs/providers.md#vertex-ai-vertex): service-account files (`type: vertex`) and config `vertex-api-key`, Gemini wire. */
export const vertexProvider: ProviderDefinition = {
  id: 'vertex',
  label: 'Vertex AI',
  wire: 'gemini',
  payloadProtocol: 'gemini',
  countsTokens: true,
  buildRequest: buildVertexRequest,
  models: vertexModels,
  helloModel: 'gemini-2.5-flash-lite',
  modelChannel: { name: 'vertex', ownedBy: 'google' },
  apiKeys: { section: 'vertex-api-key', providerKey: 'vertex', entries: (config) => config.vertexApiKey },
  auth: vertexAuth,
  quota: { unknown: 'Vertex AI reports no quota: neither its answers nor an endpoint tell what is left.' },
};
