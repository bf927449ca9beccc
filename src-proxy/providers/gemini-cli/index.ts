import type { ProviderDefinition } from '../provider-definition';
import { geminiCliAuth } from './gemini-cli-auth';
import { buildGeminiCliRequest } from './gemini-cli-executor';
import { geminiCliModels } from './gemini-cli-models';
import { geminiCliQuota } from './gemini-cli-quota';
import { createGeminiCliStreamRewriter, unwrapGeminiCliReply } from './gemini-cli-response';

/** Gemini CLI (Google OAuth, auth files `type: gemini`): Cloud Code Assist's v1internal methods, Gemini wire inside an envelope. */
export const geminiCliProvider: ProviderDefinition = {
  id: 'gemini-cli',
  label: 'Gemini',
  wire: 'gemini',
  payloadProtocol: 'gemini',
  countsTokens: true,
  buildRequest: buildGeminiCliRequest,
  assembleBufferedReply: unwrapGeminiCliReply,
  createStreamRewriter: createGeminiCliStreamRewriter,
  models: geminiCliModels,
  helloModel: 'gemini-2.5-flash-lite',
  modelChannel: { name: 'gemini-cli', ownedBy: 'google' },
  auth: geminiCliAuth,
  quota: geminiCliQuota,
};
