import type { ProviderDefinition } from '../provider-definition';
import { buildCodexApiRequest } from './codex-api-executor';

/** Responses-API keys (OpenAI, Codex-compatible endpoints): config `codex-api-key`. */
export const codexApiProvider: ProviderDefinition = {
  id: 'codex-api',
  wire: 'openai-responses',
  payloadProtocol: 'codex',
  countsTokens: false,
  buildRequest: buildCodexApiRequest,
};
