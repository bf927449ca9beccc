import type { ProviderDefinition } from '../provider-definition';
import { assembleCodexResponse } from './assemble-codex-response';
import { buildCodexOAuthRequest } from './codex-executor';
import { prepareCodexBody } from './prepare-codex-body';

/** ChatGPT (Codex) OAuth accounts (auth files `type: codex`): the Codex backend's Responses API, always streamed. */
export const codexProvider: ProviderDefinition = {
  id: 'codex',
  wire: 'openai-responses',
  payloadProtocol: 'codex',
  countsTokens: false,
  prepareBody: prepareCodexBody,
  buildRequest: buildCodexOAuthRequest,
  assembleBufferedReply: assembleCodexResponse,
};
