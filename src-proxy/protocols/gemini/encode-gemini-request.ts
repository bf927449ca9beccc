import type { CanonicalRequest, Translated, TranslationContext, TranslationWarning } from '../../canonical/index';
import { encodeGeminiContents } from './encode-gemini-contents';
import { encodeGeminiGenerationConfig } from './encode-gemini-generation-config';
import { encodeGeminiToolConfig, encodeGeminiTools } from './encode-gemini-tools';
import { geminiSafetySettings } from './gemini-safety-settings';
import { buildGeminiToolNameMap, type GeminiToolNameMap } from './gemini-tool-names';
import type { GeminiContent, GeminiGenerateContentRequest } from './gemini-types';

export interface EncodedGeminiRequest {
  body: Record<string, unknown>;
  /** Give this to the response / stream decoders so renamed functions get their client names back. */
  toolNames: GeminiToolNameMap;
}

/**
 * Canonical request -> the JSON body of a Gemini `:generateContent` / `:streamGenerateContent` call
 * (https://ai.google.dev/api/generate-content). The model and the streaming mode go in the URL, so the
 * body has neither. Default safety settings are always attached (docs/protocols.md#rules-for-every-direction). Function names are
 * renamed through `buildGeminiToolNameMap(request)`, which the caller builds again (it is deterministic)
 * or takes from `encodeGeminiRequestWithToolNames`.
 */
export function encodeGeminiRequest(request: CanonicalRequest, context: TranslationContext): Translated<Record<string, unknown>> {
  const { value, warnings } = encodeGeminiRequestWithToolNames(request, context);
  return { value: value.body, warnings };
}

export function encodeGeminiRequestWithToolNames(request: CanonicalRequest, _context: TranslationContext): Translated<EncodedGeminiRequest> {
  const warnings: TranslationWarning[] = [];
  const toolNames = buildGeminiToolNameMap(request);
  let contents = encodeGeminiContents(request, toolNames, warnings);
  let systemInstruction: GeminiContent | undefined = systemContent(request);
  if (contents.length === 0 && systemInstruction) {
    // Gemini rejects empty contents; a system-only request is sent as the user's turn.
    contents = [{ role: 'user', parts: systemInstruction.parts }];
    systemInstruction = undefined;
  }
  const body: GeminiGenerateContentRequest = { contents };
  if (systemInstruction) body.systemInstruction = systemInstruction;
  const tools = encodeGeminiTools(request, toolNames, warnings);
  if (tools) body.tools = tools;
  const toolConfig = encodeGeminiToolConfig(request, toolNames, warnings);
  if (toolConfig) body.toolConfig = toolConfig;
  const generationConfig = encodeGeminiGenerationConfig(request, warnings);
  if (generationConfig) body.generationConfig = generationConfig;
  body.safetySettings = geminiSafetySettings();
  warnUnsupported(request, warnings);
  return { value: { body: { ...body }, toolNames }, warnings };
}

function systemContent(request: CanonicalRequest): GeminiContent | undefined {
  const parts = request.system.filter((part) => part.text !== '').map((part) => ({ text: part.text }));
  return parts.length > 0 ? { parts } : undefined;
}

function warnUnsupported(request: CanonicalRequest, warnings: TranslationWarning[]): void {
  if (request.user !== undefined) warnings.push({ field: 'user', message: 'Gemini has no end-user id field; dropped' });
  if (request.system.some((part) => part.cacheControl)) warnings.push({ field: 'system.cacheControl', message: 'Gemini has no prompt-cache hints; dropped' });
}
