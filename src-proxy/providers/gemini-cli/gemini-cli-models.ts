import { geminiApiModels } from '../gemini-api/gemini-api-models';

/** What Gemini CLI accounts serve: the Gemini catalog (spec 8). */
export const geminiCliModels: readonly string[] = geminiApiModels;
