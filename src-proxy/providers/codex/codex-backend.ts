import type { ProviderDefinition } from '../provider-definition';
import { assembleCodexResponse } from './assemble-codex-response';
import { buildCodexRequest } from './codex-executor';
import { codexQuota } from './codex-quota';
import { prepareCodexBody } from './prepare-codex-body';

/**
 * How every upstream of the Codex kind is served, a ChatGPT login (`codex`) or a `codex-api-key`
 * (`codex-api`, the Codex backend or a relay of it): the Responses wire with the backend's body rules
 * (always streamed, `store: false`, rejected fields removed), its headers, and non-stream answers
 * assembled from the stream, and `/responses/compact`. One definition, so the two kinds cannot drift apart.
 */
export const codexBackend = {
  wire: 'openai-responses',
  payloadProtocol: 'codex',
  countsTokens: false,
  servesCompact: true,
  prepareBody: prepareCodexBody,
  buildRequest: buildCodexRequest,
  assembleBufferedReply: assembleCodexResponse,
  // Headers on every answer; the usage endpoint only for logins (the quota service asks OAuth accounts only).
  quota: codexQuota,
} as const satisfies Omit<ProviderDefinition, 'id' | 'label'>;
