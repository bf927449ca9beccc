import type { CanonicalRequest, Translated, TranslationContext } from '../../canonical/index';
import { encodeGeminiRequestWithToolNames } from './encode-gemini-request';

/** The `:countTokens` response (https://ai.google.dev/api/tokens#response-body). */
export interface GeminiCountTokensResponse {
  totalTokens: number;
  promptTokensDetails: Array<{ modality: 'TEXT'; tokenCount: number }>;
}

/**
 * The `:countTokens` answer for a Gemini client when the upstream is not Gemini: a local estimate
 * (`estimateGeminiInputTokens`), in the shape of docs/protocols.md#token-counting.
 */
export function countGeminiTokens(request: CanonicalRequest): GeminiCountTokensResponse {
  return encodeGeminiCountTokensResponse(estimateGeminiInputTokens(request));
}

export function encodeGeminiCountTokensResponse(totalTokens: number): GeminiCountTokensResponse {
  return { totalTokens, promptTokensDetails: [{ modality: 'TEXT', tokenCount: totalTokens }] };
}

/** Tokens Gemini bills for one image up to 384x384 px (and per 768x768 tile above); sizes are unknown here. */
const tokensPerMedia = 258;

/**
 * Local estimate of the input tokens of a request, for upstreams without a count endpoint. Rule (Gemini
 * docs, "Understand and count tokens"): about 4 characters per token for text, 258 tokens per image or
 * file part. Counted: system text, message text and reasoning, tool call names and arguments, tool
 * results, and the JSON of tool definitions. It is an estimate: the real tokenizer differs per language.
 */
export function estimateGeminiInputTokens(request: CanonicalRequest): number {
  let characters = 0;
  let media = 0;
  const addText = (text: string): void => {
    characters += text.length;
  };
  request.system.forEach((part) => addText(part.text));
  for (const message of request.messages) {
    for (const part of message.content) {
      switch (part.type) {
        case 'text':
        case 'reasoning':
          addText(part.text);
          break;
        case 'tool-call':
          addText(part.name + part.arguments);
          break;
        case 'tool-result':
          for (const item of part.content) {
            if (item.type === 'text') addText(item.text);
            else media += 1;
          }
          break;
        case 'image':
        case 'file':
          media += 1;
          break;
        default: {
          const unknownPart: never = part;
          throw new Error(`unknown part ${JSON.stringify(unknownPart)}`);
        }
      }
    }
  }
  for (const tool of request.tools) addText(JSON.stringify({ name: tool.name, description: tool.description ?? '', parameters: tool.inputSchema }));
  return Math.ceil(characters / 4) + media * tokensPerMedia;
}

/**
 * Body of a `:countTokens` call to a Gemini upstream: the `generateContentRequest` form, so the system
 * instruction and the tools are counted too (the original sent contents only). Generation and safety
 * settings do not change the count and are left out.
 */
export function encodeGeminiCountTokensRequest(request: CanonicalRequest, context: TranslationContext): Translated<Record<string, unknown>> {
  const { value, warnings } = encodeGeminiRequestWithToolNames(request, context);
  const { generationConfig: _generation, safetySettings: _safety, toolConfig: _toolConfig, ...counted } = value.body;
  return { value: { generateContentRequest: { model: `models/${request.model}`, ...counted } }, warnings };
}

/** `totalTokens` of an upstream `:countTokens` answer (0 when absent: Gemini omits zero fields). */
export function decodeGeminiCountTokensResponse(body: unknown): number {
  if (typeof body !== 'object' || body === null) return 0;
  const total = (body as Record<string, unknown>)['totalTokens'];
  return typeof total === 'number' ? total : 0;
}
