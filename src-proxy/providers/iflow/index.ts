import type { ProviderDefinition } from '../provider-definition';
import { iflowAuth } from './iflow-auth';
import { buildIFlowRequest, prepareIFlowBody } from './iflow-executor';
import { iflowModels } from './iflow-models';

/** iFlow OAuth accounts (auth files `type: iflow`, docs/providers.md#iflow-login-iflow): OpenAI Chat Completions upstream signed per request. */
export const iflowProvider: ProviderDefinition = {
  id: 'iflow',
  label: 'iFlow',
  wire: 'openai-chat',
  payloadProtocol: 'openai',
  countsTokens: false,
  prepareBody: prepareIFlowBody,
  buildRequest: (credential, call, body, clientHeaders) => buildIFlowRequest(credential, call, body, clientHeaders),
  models: iflowModels,
  helloModel: 'qwen3-32b',
  modelChannel: { name: 'iflow', ownedBy: 'iflow' },
  auth: iflowAuth,
  quota: { unknown: 'iFlow reports no quota: neither its answers nor an endpoint tell what is left.' },
};
