import { geminiApiModels } from '../gemini-api/gemini-api-models';
import type { ProviderDefinition } from '../provider-definition';
import { buildGeminiCliRequest } from './gemini-cli-executor';
import { createGeminiCliStreamRewriter, unwrapGeminiCliReply } from './gemini-cli-response';

/** Gemini CLI (Google OAuth, auth files `type: gemini`): Cloud Code Assist's v1internal methods, Gemini wire inside an envelope. */
export const geminiCliProvider: ProviderDefinition = {
  id: 'gemini-cli',
  wire: 'gemini',
  payloadProtocol: 'gemini',
  countsTokens: true,
  buildRequest: buildGeminiCliRequest,
  assembleBufferedReply: unwrapGeminiCliReply,
  createStreamRewriter: createGeminiCliStreamRewriter,
};

/** What Gemini CLI accounts serve: the Gemini catalog (spec 8). */
export const geminiCliModels: readonly string[] = geminiApiModels;
