import type { AssistantContentPart, CanonicalFinish, CanonicalResponse, ReasoningPart, TranslationContext } from '../../canonical/index';
import type { AnthropicStopReason, WireUsage } from './anthropic-messages-types';
import { withoutTrailingSignatures } from '../../translation/trailing-signatures';
import { encodeClientSignature } from './anthropic-thinking-signature';
import { convertCanonicalUsageToAnthropic } from './convert-anthropic-messages-usage';
import { mapFinishToAnthropicStopReason } from './map-anthropic-messages-finish-reason';

export interface AnthropicMessagesResponseOptions {
  /** The model name the client asked for, echoed back. */
  model: string;
}

export interface AnthropicMessageBody {
  id: string;
  type: 'message';
  role: 'assistant';
  model: string;
  content: Array<Record<string, unknown>>;
  stop_reason: AnthropicStopReason;
  stop_sequence: string | null;
  usage: WireUsage;
}

/**
 * Canonical response -> the `Message` object an Anthropic client parses (Messages API response body).
 * Assistant images have no Anthropic response block and are left out (the ClientCodec contract returns
 * the body alone, so there is no warning channel here).
 */
export function encodeAnthropicMessagesResponse(
  response: CanonicalResponse,
  context: TranslationContext,
  options: AnthropicMessagesResponseOptions,
): AnthropicMessageBody {
  void context;
  const content: Array<Record<string, unknown>> = [];
  // A carrier after the answer would make an empty thinking block the last one (see the helper).
  for (const part of withoutTrailingSignatures(response.content)) {
    const signatureBlock = toolCallSignatureBlock(part);
    if (signatureBlock) content.push(signatureBlock);
    const block = encodeResponseBlock(part);
    if (block) content.push(block);
  }
  const hasToolUse = content.some((block) => block['type'] === 'tool_use');
  const { stopReason, stopSequence } = mapClientStopReason(response.finish, hasToolUse);
  return {
    id: response.id,
    type: 'message',
    role: 'assistant',
    model: options.model,
    content,
    stop_reason: stopReason,
    stop_sequence: stopSequence,
    usage: convertCanonicalUsageToAnthropic(response.usage),
  };
}

/**
 * Clients (Claude Code, SDK tool runners) run tools when `stop_reason` is tool_use; upstreams such as
 * Gemini end tool-calling turns with a plain stop, so a plain stop with tool_use blocks becomes tool_use.
 */
export function mapClientStopReason(finish: CanonicalFinish, hasToolUse: boolean): { stopReason: AnthropicStopReason; stopSequence: string | null } {
  const mapped = mapFinishToAnthropicStopReason(finish);
  if (hasToolUse && mapped.stopReason === 'end_turn') return { stopReason: 'tool_use', stopSequence: null };
  return mapped;
}

function encodeResponseBlock(part: AssistantContentPart): Record<string, unknown> | undefined {
  switch (part.type) {
    case 'text':
      return { type: 'text', text: part.text };
    case 'reasoning':
      return encodeReasoningBlock(part);
    case 'tool-call':
      return { type: 'tool_use', id: part.id, name: part.name, input: parseToolInput(part.arguments) };
    case 'image':
      return undefined;
    default: {
      const unknownPart: never = part;
      throw new Error(`unknown content part ${JSON.stringify(unknownPart)}`);
    }
  }
}

/**
 * A Gemini thoughtSignature on a function call has no slot in a tool_use block. As in the stream path
 * (the Gemini stream decoder sends it as a signature-only reasoning block right before the call), it
 * becomes a thinking block with empty text and the tagged signature just before the tool_use, so the
 * client replays it and the Gemini request encoder puts it back onto the call.
 */
function toolCallSignatureBlock(part: AssistantContentPart): Record<string, unknown> | undefined {
  if (part.type !== 'tool-call' || !part.signature) return undefined;
  return encodeReasoningBlock({ type: 'reasoning', text: '', signature: part.signature, signatureFormat: part.signatureFormat ?? 'gemini' });
}

/** Anthropic redacted thinking stays redacted; foreign signatures get their `<format>#` tag. */
function encodeReasoningBlock(part: ReasoningPart): Record<string, unknown> {
  if (part.redacted && part.signatureFormat === 'anthropic' && part.signature) return { type: 'redacted_thinking', data: part.signature };
  const signature = part.signature ? encodeClientSignature(part.signature, part.signatureFormat) : '';
  return { type: 'thinking', thinking: part.text, signature };
}

/** tool_use.input is an object; arguments that are not a JSON object (a truncated call) become {}. */
export function parseToolInput(text: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // not JSON: fall through
  }
  return {};
}
