import type { ProviderDefinition } from '../provider-definition';
import { codexBackend } from './codex-backend';

/** ChatGPT (Codex) OAuth accounts (auth files `type: codex`): the Codex backend's Responses API, always streamed. */
export const codexProvider: ProviderDefinition = { id: 'codex', ...codexBackend };
