import type { ProviderDefinition } from '../provider-definition';
import { codexAuth } from './codex-auth';
import { codexBackend } from './codex-backend';
import { codexModelsForPlan } from './codex-models';

/** ChatGPT (Codex) OAuth accounts (auth files `type: codex`): the Codex backend's Responses API, always streamed. */
export const codexProvider: ProviderDefinition = {
  id: 'codex',
  label: 'Codex',
  ...codexBackend,
  // An account of unknown plan gets the pro list (docs/providers.md#model-lists), so that is the channel's catalogue.
  models: codexModelsForPlan('pro'),
  helloModel: 'gpt-5.4-mini',
  modelChannel: { name: 'codex', ownedBy: 'openai' },
  auth: codexAuth,
};
