import type { ProviderDefinition } from '../provider-definition';
import { buildGeminiApiRequest } from './gemini-api-executor';
import { geminiApiModels } from './gemini-api-models';

/** Google AI Studio / Gemini API keys: config `gemini-api-key`. */
export const geminiApiProvider: ProviderDefinition = {
  id: 'gemini-api',
  label: 'Gemini API key',
  wire: 'gemini',
  payloadProtocol: 'gemini',
  countsTokens: true,
  buildRequest: buildGeminiApiRequest,
  models: geminiApiModels,
  helloModel: 'gemini-2.5-flash-lite',
  modelChannel: { name: 'gemini', ownedBy: 'google' },
  apiKeys: { section: 'gemini-api-key', providerKey: 'gemini', entries: (config) => config.geminiApiKey },
};
