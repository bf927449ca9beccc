import type { ProviderDefinition } from '../provider-definition';
import { qwenAuth } from './qwen-auth';
import { buildQwenRequest, prepareQwenBody } from './qwen-executor';
import { qwenModels } from './qwen-models';

/** Qwen Code OAuth accounts (auth files `type: qwen`, docs/providers.md#qwen-code-login-qwen): OpenAI Chat Completions upstream. */
export const qwenProvider: ProviderDefinition = {
  id: 'qwen',
  label: 'Qwen',
  wire: 'openai-chat',
  payloadProtocol: 'openai',
  countsTokens: false,
  prepareBody: prepareQwenBody,
  buildRequest: buildQwenRequest,
  models: qwenModels,
  helloModel: 'qwen3-coder-flash',
  modelChannel: { name: 'qwen', ownedBy: 'qwen' },
  auth: qwenAuth,
  quota: { unknown: 'Qwen Code reports no quota: neither its answers nor an endpoint tell what is left.' },
};
