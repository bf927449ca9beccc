import { createGeminiCliStreamRewriter } from '../gemini-cli/gemini-cli-response';
import type { ProviderDefinition } from '../provider-definition';
import { antigravityAuth } from './antigravity-auth';
import { buildAntigravityRequest, prepareAntigravityBody } from './antigravity-executor';
import { antigravityModels } from './antigravity-models';
import { assembleAntigravityReply } from './assemble-antigravity-reply';

/** Antigravity (Google OAuth, auth files `type: antigravity`): Cloud Code's v1internal methods, Gemini wire inside Antigravity's envelope. */
export const antigravityProvider: ProviderDefinition = {
  id: 'antigravity',
  label: 'Antigravity',
  wire: 'gemini',
  payloadProtocol: 'gemini',
  // CPA's countTokens for Antigravity is left out here: token counts are estimated locally.
  countsTokens: false,
  prepareBody: prepareAntigravityBody,
  buildRequest: buildAntigravityRequest,
  // Answers and stream events come wrapped as `{response: ...}`, like Gemini CLI's; some models always stream.
  assembleBufferedReply: assembleAntigravityReply,
  createStreamRewriter: createGeminiCliStreamRewriter,
  models: antigravityModels,
  helloModel: 'gemini-3.1-flash-lite',
  modelChannel: { name: 'antigravity', ownedBy: 'antigravity' },
  auth: antigravityAuth,
  quota: { unknown: 'Antigravity quota is not read here: its answers carry no quota headers and its quota endpoint is not asked.' },
};
