import type { AssistantContentPart } from './canonical-content';

/**
 * Why generation stopped. `raw` keeps the vendor value for logs and for same-family round trips.
 */
export type FinishReason = 'stop' | 'length' | 'tool-calls' | 'content-filter' | 'error' | 'other';

export interface CanonicalFinish {
  reason: FinishReason;
  /** The matched stop sequence, when the upstream says which. */
  stopSequence?: string;
  raw?: string;
}

/** Token counts; input includes cached input. Zero where the upstream reports nothing. */
export interface CanonicalUsage {
  inputTokens: number;
  outputTokens: number;
  /** Input tokens read from the prompt cache (part of inputTokens). */
  cachedInputTokens?: number;
  /** Input tokens written to the prompt cache (part of inputTokens; Anthropic). */
  cacheCreationInputTokens?: number;
  /** Reasoning tokens (part of outputTokens). */
  reasoningTokens?: number;
  totalTokens: number;
}

export interface CanonicalResponse {
  id: string;
  model: string;
  /** Seconds since epoch. */
  created: number;
  content: AssistantContentPart[];
  finish: CanonicalFinish;
  usage: CanonicalUsage;
}
