import { assembleCodexResponse } from '../codex/assemble-codex-response';
import type { ProviderDefinition } from '../provider-definition';
import { prepareXaiBody } from './prepare-xai-body';
import { isXaiExpiredTokenAnswer } from './read-xai-errors';
import { xaiAuth } from './xai-auth';
import { buildXaiRequest } from './xai-executor';
import { xaiModels } from './xai-models';

/**
 * How both kinds of xAI account are served (docs/providers.md#xai-executor): the Responses wire, always
 * streamed (a non-stream answer is assembled from the stream, as for the Codex backend, whose event shapes
 * xAI shares), xAI's body rules and headers. One definition, so the two kinds cannot drift apart.
 */
const xaiBackend = {
  wire: 'openai-responses',
  payloadProtocol: 'codex',
  countsTokens: false,
  prepareBody: prepareXaiBody,
  buildRequest: buildXaiRequest,
  assembleBufferedReply: assembleCodexResponse,
  isExpiredTokenAnswer: isXaiExpiredTokenAnswer,
  models: xaiModels,
  helloModel: 'grok-3-mini-fast',
  quota: { unknown: 'xAI reports no quota: neither its answers nor an endpoint this app reads tell what is left.' },
} as const satisfies Omit<ProviderDefinition, 'id' | 'label'>;

/** xAI (Grok) logins (auth files `type: xai`, docs/providers.md#xai-grok-login-xai). */
export const xaiProvider: ProviderDefinition = { id: 'xai', label: 'xAI', ...xaiBackend, modelChannel: { name: 'xai', ownedBy: 'xai' }, auth: xaiAuth };

/** `xai-api-key` entries (docs/providers.md#xai-api-key): the official API or a relay at the entry's `base-url`. */
export const xaiApiProvider: ProviderDefinition = {
  id: 'xai-api',
  label: 'xAI API key',
  ...xaiBackend,
  apiKeys: { section: 'xai-api-key', providerKey: 'xai', entries: (config) => config.xaiApiKey },
};
