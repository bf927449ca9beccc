import { claudeApiModels } from '../../providers/claude-api/claude-api-models';
import { codexModelsForPlan } from '../../providers/codex/codex-models';
import { geminiApiModels } from '../../providers/gemini-api/gemini-api-models';
import { geminiCliModels } from '../../providers/gemini-cli/index';
import { iflowModels } from '../../providers/iflow/index';
import { qwenModels } from '../../providers/qwen/index';

/** Static catalogs per channel for `GET /model-definitions/:channel` (spec 4.6): the providers' own lists. */
const catalogs: Readonly<Record<string, { ownedBy: string; models: readonly string[] }>> = {
  claude: { ownedBy: 'anthropic', models: claudeApiModels },
  gemini: { ownedBy: 'google', models: geminiApiModels },
  'gemini-cli': { ownedBy: 'google', models: geminiCliModels },
  // An account of unknown plan gets the pro list (spec 8), so that is the channel's catalog.
  codex: { ownedBy: 'openai', models: codexModelsForPlan('pro') },
  qwen: { ownedBy: 'qwen', models: qwenModels },
  iflow: { ownedBy: 'iflow', models: iflowModels },
};

export function modelDefinitions(channel: string): Array<{ id: string; object: 'model'; owned_by: string }> | null {
  const catalog = Object.hasOwn(catalogs, channel) ? catalogs[channel] : undefined;
  return catalog ? catalog.models.map((id) => ({ id, object: 'model', owned_by: catalog.ownedBy })) : null;
}
