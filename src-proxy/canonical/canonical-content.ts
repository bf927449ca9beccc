/**
 * Content parts of the hub (ARCHITECTURE.md section 2.2). Every wire format decodes into these and
 * encodes out of them; none of them is any one vendor's shape.
 */

/** Anthropic-style prompt-cache hint; other wires drop it with a warning. */
export interface CacheControl {
  type: 'ephemeral';
  ttl?: string;
}

export interface TextPart {
  type: 'text';
  text: string;
  cacheControl?: CacheControl;
}

/** Binary data either inline (base64, no `data:` prefix) or by URL (http(s) or provider file URI). */
export type MediaSource = { kind: 'base64'; mediaType: string; data: string } | { kind: 'url'; url: string; mediaType?: string };

export interface ImagePart {
  type: 'image';
  source: MediaSource;
  /** OpenAI `detail` hint. */
  detail?: 'auto' | 'low' | 'high';
  cacheControl?: CacheControl;
}

/** Documents and other files (PDF, audio...) where both sides support them. */
export interface FilePart {
  type: 'file';
  source: MediaSource;
  filename?: string;
  cacheControl?: CacheControl;
}

/**
 * Model reasoning. `signature` is the opaque proof some providers need replayed (Anthropic thinking
 * signature, Gemini thoughtSignature, Responses encrypted_content); `redacted` carries encrypted-only
 * thinking. `signatureFormat` says whose signature it is, so it is never replayed to the wrong vendor.
 */
export interface ReasoningPart {
  type: 'reasoning';
  text: string;
  signature?: string;
  signatureFormat?: SignatureFormat;
  redacted?: boolean;
}

export type SignatureFormat = 'anthropic' | 'gemini' | 'openai-responses';

export interface ToolCallPart {
  type: 'tool-call';
  /** Stable id; synthesised when the upstream has none (Gemini). */
  id: string;
  name: string;
  /** JSON text of the arguments, as the model produced it. */
  arguments: string;
  /** Gemini thoughtSignature attached to a functionCall part. */
  signature?: string;
  signatureFormat?: SignatureFormat;
}

export interface ToolResultPart {
  type: 'tool-result';
  toolCallId: string;
  /** Tool name when the wire carries it (Gemini requires it; derived from the matching call otherwise). */
  name?: string;
  content: Array<TextPart | ImagePart | FilePart>;
  isError?: boolean;
  cacheControl?: CacheControl;
}

export type UserContentPart = TextPart | ImagePart | FilePart;
export type AssistantContentPart = TextPart | ReasoningPart | ToolCallPart | ImagePart;
