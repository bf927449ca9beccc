import { codexBackend } from '../codex/codex-backend';
import type { ProviderDefinition } from '../provider-definition';
import { codexApiModels } from './codex-api-models';

/**
 * `codex-api-key` entries: keys for the Codex backend (chatgpt.com/backend-api/codex or a relay of it),
 * served by the same rules as a Codex login (docs/providers.md#codex-api-key), with the API-key identity headers.
 */
export const codexApiProvider: ProviderDefinition = {
  id: 'codex-api',
  label: 'Codex API key',
  ...codexBackend,
  models: codexApiModels,
  helloModel: 'gpt-5.4-mini',
  apiKeys: { section: 'codex-api-key', providerKey: 'codex', entries: (config) => config.codexApiKey },
};
