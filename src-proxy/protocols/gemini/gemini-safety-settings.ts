import type { GeminiSafetySetting } from './gemini-types';

/**
 * The safety settings every request to a Gemini upstream carries (docs/protocols.md#rules-for-every-direction): the proxy serves
 * coding tools, whose prompts trip the default filters far too often. OFF / BLOCK_NONE per category
 * (https://ai.google.dev/gemini-api/docs/safety-settings); CIVIC_INTEGRITY does not accept OFF everywhere.
 */
export const defaultGeminiSafetySettings: readonly GeminiSafetySetting[] = [
  { category: 'HARM_CATEGORY_HARASSMENT', threshold: 'OFF' },
  { category: 'HARM_CATEGORY_HATE_SPEECH', threshold: 'OFF' },
  { category: 'HARM_CATEGORY_SEXUALLY_EXPLICIT', threshold: 'OFF' },
  { category: 'HARM_CATEGORY_DANGEROUS_CONTENT', threshold: 'OFF' },
  { category: 'HARM_CATEGORY_CIVIC_INTEGRITY', threshold: 'BLOCK_NONE' },
];

export function geminiSafetySettings(): GeminiSafetySetting[] {
  return defaultGeminiSafetySettings.map((setting) => ({ ...setting }));
}
