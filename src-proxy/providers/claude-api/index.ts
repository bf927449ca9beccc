import type { ProviderDefinition } from '../provider-definition';
import { buildClaudeApiRequest } from './claude-api-executor';
import { claudeApiModels } from './claude-api-models';
import { createClaudeApiBodyPreparer } from './prepare-claude-api-body';
import { readClaudeQuotaHeaders } from './read-claude-quota-headers';

/** Anthropic API keys: config `claude-api-key`. Cloaks non-Claude-Code clients when the entry has a `cloak` block. */
export const claudeApiProvider: ProviderDefinition = {
  id: 'claude-api',
  label: 'Claude API key',
  wire: 'anthropic-messages',
  payloadProtocol: 'claude',
  countsTokens: true,
  // One device-id cache for the engine process: `cache-user-id` keeps a credential's id until restart.
  prepareBody: createClaudeApiBodyPreparer(new Map()),
  buildRequest: buildClaudeApiRequest,
  models: claudeApiModels,
  helloModel: 'claude-haiku-4-5-20251001',
  apiKeys: {
    section: 'claude-api-key',
    providerKey: 'claude',
    entries: (config) => config.claudeApiKey,
    // claude-header-defaults shape the Claude Code identity a cloaked API-key request presents, as for logins.
    fromConfig: (config) => ({ headerDefaults: config.claudeHeaderDefaults }),
  },
  // A key answers with the unified headers when it is a subscription relay; plain API keys send none.
  quota: { readHeaders: readClaudeQuotaHeaders },
};
