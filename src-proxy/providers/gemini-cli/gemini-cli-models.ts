import { geminiApiModels } from '../gemini-api/gemini-api-models';

/** What Gemini CLI accounts serve: the Gemini catalog (docs/providers.md#model-lists). */
export const geminiCliModels: readonly string[] = geminiApiModels;
