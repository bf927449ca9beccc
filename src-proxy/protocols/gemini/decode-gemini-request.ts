import type { CanonicalRequest, TextPart, Translated, TranslationContext, TranslationWarning } from '../../canonical/index';
import { decodeGeminiContents } from './decode-gemini-contents';
import { decodeGeminiGenerationConfig } from './decode-gemini-generation-config';
import { decodeGeminiToolConfig, decodeGeminiTools } from './decode-gemini-tools';
import { camelizeGeminiKeys, geminiInvalidRequest, geminiIssuesFromZod, type GeminiRequestIssue } from './gemini-request-issues';
import { geminiRequestSchema, type GeminiRequestInput } from './gemini-schemas';

/** Gemini puts the model and the streaming mode in the URL (`models/{model}:streamGenerateContent`). */
export interface GeminiRouteOptions {
  model: string;
  stream: boolean;
}

const readTopLevelKeys = new Set(['contents', 'systemInstruction', 'tools', 'toolConfig', 'generationConfig', 'safetySettings', 'model']);

/**
 * A Gemini generateContent request body (https://ai.google.dev/api/generate-content#request-body) ->
 * canonical request. Snake_case field names are accepted everywhere, as Google's API does; in
 * particular both `systemInstruction` and `system_instruction` are read (the original read only one of
 * them, depending on the path: docs/protocols.md#cpa-quirks-we-do-not-copy). safetySettings are wire-only (the encoder adds
 * its own); a client's settings are dropped with a warning.
 */
export function decodeGeminiRequest(body: unknown, context: TranslationContext, route: GeminiRouteOptions): Translated<CanonicalRequest> {
  const parsed = geminiRequestSchema.safeParse(unwrapCountTokensBody(camelizeGeminiKeys(body)));
  if (!parsed.success) throw geminiInvalidRequest(geminiIssuesFromZod(parsed.error));
  const input = parsed.data;
  const warnings: TranslationWarning[] = [];
  const issues: GeminiRequestIssue[] = [];
  const messages = decodeGeminiContents(input.contents, context, warnings, issues);
  if (issues.length > 0) throw geminiInvalidRequest(issues);
  const request: CanonicalRequest = {
    model: route.model,
    system: decodeSystemInstruction(input, warnings),
    messages,
    tools: input.tools ? decodeGeminiTools(input.tools, warnings) : [],
    stream: route.stream,
    ...(input.generationConfig ? decodeGeminiGenerationConfig(input.generationConfig, warnings) : {}),
  };
  const toolChoice = input.toolConfig ? decodeGeminiToolConfig(input.toolConfig, warnings) : undefined;
  if (toolChoice) request.toolChoice = toolChoice;
  warnWireOnlyFields(input, warnings);
  return { value: request, warnings };
}

/**
 * A `:countTokens` body is either a request's `contents` or `{generateContentRequest: {...}}`
 * (https://ai.google.dev/api/tokens#request-body); the second form is read like a generate request.
 */
function unwrapCountTokensBody(body: unknown): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  const record = body as Record<string, unknown>;
  const inner = record['generateContentRequest'];
  if (record['contents'] !== undefined || typeof inner !== 'object' || inner === null) return body;
  return inner;
}

function decodeSystemInstruction(input: GeminiRequestInput, warnings: TranslationWarning[]): TextPart[] {
  const system: TextPart[] = [];
  input.systemInstruction?.parts.forEach((part, index) => {
    if (typeof part.text === 'string' && part.text !== '') system.push({ type: 'text', text: part.text });
    else if (part.text !== '') warnings.push({ field: `systemInstruction.parts[${index}]`, message: 'only text is supported in system instructions; dropped' });
  });
  return system;
}

function warnWireOnlyFields(input: GeminiRequestInput, warnings: TranslationWarning[]): void {
  if (input.safetySettings && input.safetySettings.length > 0) {
    warnings.push({ field: 'safetySettings', message: 'safety settings are wire-only and not carried to the upstream; dropped' });
  }
  for (const key of Object.keys(input)) {
    if (!readTopLevelKeys.has(key)) warnings.push({ field: key, message: 'no canonical form; dropped' });
  }
}
