import type { ProviderDefinition } from '../provider-definition';
import { buildGeminiApiRequest } from './gemini-api-executor';

/** Google AI Studio / Gemini API keys: config `gemini-api-key`. */
export const geminiApiProvider: ProviderDefinition = {
  id: 'gemini-api',
  wire: 'gemini',
  payloadProtocol: 'gemini',
  countsTokens: true,
  buildRequest: buildGeminiApiRequest,
};
