import type {
  AssistantContentPart,
  CanonicalMessage,
  CanonicalRequest,
  FilePart,
  ImagePart,
  TextPart,
  Translated,
  TranslationContext,
} from '../../canonical/index';
import { decodeAnthropicMessagesRequest } from './decode-anthropic-messages-request';
import { encodeAnthropicMessagesRequest, type EncodeAnthropicMessagesRequestOptions } from './encode-anthropic-messages-request';

/**
 * `POST /v1/messages/count_tokens` (https://docs.anthropic.com/en/api/messages-count-tokens) when the
 * upstream cannot count: a LOCAL ESTIMATE, deterministic and cheap, meant for context-window bookkeeping
 * (Claude Code calls it to decide when to compact), not for billing. It errs on the high side.
 *
 * - text (system, messages, thinking, tool names, arguments, results, tool descriptions and schema
 *   JSON): about CHARS_PER_TOKEN characters per token, the usual rule of thumb for English and code;
 * - each message: MESSAGE_OVERHEAD_TOKENS for its role markers;
 * - each image: IMAGE_TOKENS, Anthropic's cost of an image at the largest size it keeps without
 *   downscaling (~1.15 megapixels / 750 pixels per token);
 * - each PDF or other binary document: DOCUMENT_TOKENS (a few pages); text documents count their text;
 * - with tools: TOOL_USE_SYSTEM_TOKENS, the tool-use system prompt Anthropic adds (its pricing page).
 */
export const CHARS_PER_TOKEN = 4;
export const MESSAGE_OVERHEAD_TOKENS = 3;
export const IMAGE_TOKENS = 1600;
export const DOCUMENT_TOKENS = 3000;
export const TOOL_USE_SYSTEM_TOKENS = 346;

export function estimateAnthropicInputTokens(request: CanonicalRequest): number {
  const tally = { chars: 0, fixed: 0 };
  for (const part of request.system) tally.chars += part.text.length;
  for (const message of request.messages) countMessage(message, tally);
  for (const tool of request.tools) {
    tally.chars += tool.name.length + (tool.description?.length ?? 0) + JSON.stringify(tool.inputSchema).length;
  }
  if (request.tools.length > 0) tally.fixed += TOOL_USE_SYSTEM_TOKENS;
  return Math.ceil(tally.chars / CHARS_PER_TOKEN) + tally.fixed;
}

interface Tally {
  chars: number;
  fixed: number;
}

function countMessage(message: CanonicalMessage, tally: Tally): void {
  tally.fixed += MESSAGE_OVERHEAD_TOKENS;
  switch (message.role) {
    case 'system':
    case 'user':
      for (const part of message.content) countMedia(part, tally);
      return;
    case 'assistant':
      for (const part of message.content) countAssistantPart(part, tally);
      return;
    case 'tool':
      for (const result of message.content) {
        tally.chars += result.toolCallId.length;
        for (const part of result.content) countMedia(part, tally);
      }
      return;
    default: {
      const unknownMessage: never = message;
      throw new Error(`unknown message ${JSON.stringify(unknownMessage)}`);
    }
  }
}

function countAssistantPart(part: AssistantContentPart, tally: Tally): void {
  switch (part.type) {
    case 'text':
    case 'reasoning':
      tally.chars += part.text.length;
      return;
    case 'tool-call':
      tally.chars += part.id.length + part.name.length + part.arguments.length;
      return;
    case 'image':
      tally.fixed += IMAGE_TOKENS;
      return;
    default: {
      const unknownPart: never = part;
      throw new Error(`unknown part ${JSON.stringify(unknownPart)}`);
    }
  }
}

function countMedia(part: TextPart | ImagePart | FilePart, tally: Tally): void {
  if (part.type === 'text') tally.chars += part.text.length;
  else if (part.type === 'image') tally.fixed += IMAGE_TOKENS;
  else if (part.source.kind === 'base64' && part.source.mediaType.startsWith('text/')) {
    tally.chars += Buffer.from(part.source.data, 'base64').toString('utf8').length;
  } else tally.fixed += DOCUMENT_TOKENS;
}

/** The count_tokens answer from the local estimate: what `/v1/messages/count_tokens` returns to the client. */
export function countAnthropicTokens(request: CanonicalRequest): { input_tokens: number } {
  return encodeAnthropicCountTokensResponse(estimateAnthropicInputTokens(request));
}

/** The count_tokens response body (SDK `MessageTokensCount`). */
export function encodeAnthropicCountTokensResponse(inputTokens: number): { input_tokens: number } {
  return { input_tokens: inputTokens };
}

/** A count_tokens client body: the Messages request without the max_tokens requirement. */
export function decodeAnthropicCountTokensRequest(body: unknown, context: TranslationContext): Translated<CanonicalRequest> {
  return decodeAnthropicMessagesRequest(body, context, { requireMaxTokens: false });
}

/** Fields a Messages body has that count_tokens rejects (it takes messages, model, system, tools, tool_choice, thinking, output_config). */
const notCounted = ['max_tokens', 'stream', 'temperature', 'top_p', 'top_k', 'stop_sequences', 'metadata'];

/** A canonical request -> the body for an Anthropic upstream's own count_tokens endpoint. */
export function encodeAnthropicCountTokensRequest(
  request: CanonicalRequest,
  context: TranslationContext,
  options: EncodeAnthropicMessagesRequestOptions = {},
): Translated<Record<string, unknown>> {
  const { value, warnings } = encodeAnthropicMessagesRequest(request, context, options);
  for (const key of notCounted) delete value[key];
  // Sampling settings do not change the count: warnings about dropping them do not apply here.
  return { value, warnings: warnings.filter((warning) => !/^(temperature|topP|topK|stopSequences)\b/.test(warning.field)) };
}

/** An Anthropic upstream's count_tokens response -> the count (undefined when it is not one). */
export function decodeAnthropicCountTokensResponse(body: unknown): number | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const count = (body as Record<string, unknown>)['input_tokens'];
  return typeof count === 'number' && Number.isFinite(count) ? count : undefined;
}
