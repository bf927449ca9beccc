/**
 * Wire types of what this module WRITES on the Anthropic Messages wire (requests to an Anthropic
 * upstream, responses and stream events to an Anthropic client). Shapes follow the official
 * `@anthropic-ai/sdk` types (`MessageCreateParams`, `Message`, `RawMessageStreamEvent`).
 */

export interface WireCacheControl {
  type: 'ephemeral';
  ttl?: string;
}

export type WireMediaSource =
  | { type: 'base64'; media_type: string; data: string }
  | { type: 'url'; url: string }
  | { type: 'text'; media_type: 'text/plain'; data: string };

export interface WireTextBlock {
  type: 'text';
  text: string;
  cache_control?: WireCacheControl;
}

export interface WireImageBlock {
  type: 'image';
  source: WireMediaSource;
  cache_control?: WireCacheControl;
}

export interface WireDocumentBlock {
  type: 'document';
  source: WireMediaSource;
  title?: string;
  cache_control?: WireCacheControl;
}

export interface WireThinkingBlock {
  type: 'thinking';
  thinking: string;
  signature: string;
}

export interface WireRedactedThinkingBlock {
  type: 'redacted_thinking';
  data: string;
}

export interface WireToolUseBlock {
  type: 'tool_use';
  id: string;
  name: string;
  input: Record<string, unknown>;
}

export interface WireToolResultBlock {
  type: 'tool_result';
  tool_use_id: string;
  content: string | Array<WireTextBlock | WireImageBlock | WireDocumentBlock>;
  is_error?: boolean;
  cache_control?: WireCacheControl;
}

export type WireUserBlock = WireTextBlock | WireImageBlock | WireDocumentBlock | WireToolResultBlock;
export type WireAssistantBlock = WireTextBlock | WireThinkingBlock | WireRedactedThinkingBlock | WireToolUseBlock;

export type WireMessage = { role: 'user'; content: WireUserBlock[] } | { role: 'assistant'; content: WireAssistantBlock[] };

export interface WireUsage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
}

/** Stop reasons of the Messages API (SDK `StopReason`). */
export type AnthropicStopReason =
  | 'end_turn'
  | 'max_tokens'
  | 'stop_sequence'
  | 'tool_use'
  | 'pause_turn'
  | 'refusal'
  | 'model_context_window_exceeded';
