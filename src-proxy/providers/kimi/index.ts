import type { ProviderDefinition } from '../provider-definition';
import { kimiAuth } from './kimi-auth';
import { buildKimiRequest, prepareKimiBody } from './kimi-executor';
import { kimiModels } from './kimi-models';
import { kimiQuota } from './kimi-quota';

/** Kimi (Moonshot) OAuth accounts (auth files `type: kimi`, docs/providers.md#kimi-login-kimi): Kimi Code's OpenAI Chat Completions upstream. */
export const kimiProvider: ProviderDefinition = {
  id: 'kimi',
  label: 'Kimi',
  wire: 'openai-chat',
  payloadProtocol: 'openai',
  countsTokens: false,
  prepareBody: prepareKimiBody,
  buildRequest: buildKimiRequest,
  models: kimiModels,
  modelChannel: { name: 'kimi', ownedBy: 'moonshot' },
  auth: kimiAuth,
  quota: kimiQuota,
};
