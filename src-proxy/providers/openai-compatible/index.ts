import type { ProviderDefinition } from '../provider-definition';
import { buildOpenAICompatibleRequest } from './openai-compatible-executor';

/** Any service that speaks the OpenAI Chat Completions API: config `openai-compatibility`. */
export const openaiCompatibleProvider: ProviderDefinition = {
  id: 'openai-compatible',
  label: 'OpenAI-compatible',
  wire: 'openai-chat',
  payloadProtocol: 'openai',
  countsTokens: false,
  buildRequest: buildOpenAICompatibleRequest,
};
