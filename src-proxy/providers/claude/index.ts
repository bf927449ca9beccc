import type { ProviderDefinition } from '../provider-definition';
import { claudeApiModels } from '../claude-api/claude-api-models';
import { claudeAuth } from './claude-auth';
import { claudeQuota } from './claude-quota';
import { buildClaudeOAuthRequest } from './claude-executor';
import { prepareClaudeOAuthBody } from './prepare-claude-oauth-body';

/** Claude Code OAuth accounts (auth files `type: claude`). Token counting is estimated locally (docs/providers.md#claude-executor). */
export const claudeProvider: ProviderDefinition = {
  id: 'claude',
  label: 'Claude',
  wire: 'anthropic-messages',
  payloadProtocol: 'claude',
  countsTokens: false,
  prepareBody: prepareClaudeOAuthBody,
  buildRequest: buildClaudeOAuthRequest,
  models: claudeApiModels,
  helloModel: 'claude-haiku-4-5-20251001',
  modelChannel: { name: 'claude', ownedBy: 'anthropic' },
  auth: claudeAuth,
  quota: claudeQuota,
};
