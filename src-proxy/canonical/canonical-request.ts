import type { AssistantContentPart, CacheControl, TextPart, ToolResultPart, UserContentPart } from './canonical-content';

export type CanonicalMessage =
  | { role: 'system'; content: TextPart[] }
  | { role: 'user'; content: UserContentPart[] }
  | { role: 'assistant'; content: AssistantContentPart[] }
  | { role: 'tool'; content: ToolResultPart[] };

export interface CanonicalTool {
  name: string;
  description?: string;
  /** JSON Schema of the arguments (an object schema). */
  inputSchema: Record<string, unknown>;
  strict?: boolean;
  cacheControl?: CacheControl;
}

export type ToolChoice = { type: 'auto' } | { type: 'none' } | { type: 'required' } | { type: 'tool'; name: string };

export type ResponseFormat =
  | { type: 'text' }
  | { type: 'json' }
  | { type: 'json-schema'; name?: string; description?: string; schema: Record<string, unknown>; strict?: boolean };

/** Effort levels of docs/protocols.md#reasoning-levels; `budgetTokens` wins when both are set. */
export type ReasoningEffort = 'none' | 'auto' | 'minimal' | 'low' | 'medium' | 'high' | 'xhigh' | 'max';

export interface ReasoningConfig {
  effort?: ReasoningEffort;
  budgetTokens?: number;
  /** Whether the client wants reasoning text back (Gemini includeThoughts, Responses summary...). */
  includeThoughts?: boolean;
}

/**
 * One model call in protocol-neutral form. `system` holds the leading instructions; later
 * role:'system' messages stay in `messages` where the client put them.
 */
export interface CanonicalRequest {
  model: string;
  system: TextPart[];
  messages: CanonicalMessage[];
  tools: CanonicalTool[];
  toolChoice?: ToolChoice;
  parallelToolCalls?: boolean;
  maxOutputTokens?: number;
  temperature?: number;
  topP?: number;
  topK?: number;
  stopSequences?: string[];
  seed?: number;
  presencePenalty?: number;
  frequencyPenalty?: number;
  /** Number of choices (OpenAI `n`, Gemini `candidateCount`). */
  candidateCount?: number;
  responseFormat?: ResponseFormat;
  reasoning?: ReasoningConfig;
  stream: boolean;
  /** OpenAI `stream_options.include_usage`. */
  includeUsage?: boolean;
  /** End-user id for abuse tracking (OpenAI `user`, Anthropic `metadata.user_id`). */
  user?: string;
  /** Responses API `store`, `previous_response_id`, ... are wire-only and not modelled. */
}
