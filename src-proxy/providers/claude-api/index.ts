import type { ProviderDefinition } from '../provider-definition';
import { buildClaudeApiRequest } from './claude-api-executor';

/** Anthropic API keys: config `claude-api-key`. */
export const claudeApiProvider: ProviderDefinition = {
  id: 'claude-api',
  wire: 'anthropic-messages',
  payloadProtocol: 'claude',
  countsTokens: true,
  buildRequest: buildClaudeApiRequest,
};
