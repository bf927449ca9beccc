/**
 * The OpenAI Responses shapes this module WRITES (to clients and to upstreams). Field names follow the
 * API reference (platform.openai.com/docs/api-reference/responses) and the `openai` SDK 6.x types
 * `Response`, `ResponseOutputItem`, `ResponseStreamEvent` and `ResponseInputItem`.
 */

export type ResponsesStatus = 'completed' | 'incomplete' | 'failed' | 'in_progress';
export type ResponsesItemStatus = 'in_progress' | 'completed' | 'incomplete';
export type ResponsesIncompleteReason = 'max_output_tokens' | 'content_filter';

export interface ResponsesOutputText {
  type: 'output_text';
  text: string;
  annotations: unknown[];
  logprobs: unknown[];
}

export interface ResponsesSummaryText {
  type: 'summary_text';
  text: string;
}

export interface ResponsesMessageItem {
  id: string;
  type: 'message';
  status: ResponsesItemStatus;
  role: 'assistant';
  content: ResponsesOutputText[];
}

export interface ResponsesReasoningItem {
  id: string;
  type: 'reasoning';
  summary: ResponsesSummaryText[];
  encrypted_content?: string;
  status?: ResponsesItemStatus;
}

export interface ResponsesFunctionCallItem {
  id: string;
  type: 'function_call';
  status: ResponsesItemStatus;
  arguments: string;
  call_id: string;
  name: string;
  /** The namespace of a namespaced tool (Codex CLI: `{name: "spawn_agent", namespace: "multi_agent_v1"}`). */
  namespace?: string;
}

/** A call of a custom (freeform text input) tool, e.g. Codex CLI's apply_patch. */
export interface ResponsesCustomToolCallItem {
  id: string;
  type: 'custom_tool_call';
  status: ResponsesItemStatus;
  call_id: string;
  name: string;
  input: string;
}

export type ResponsesOutputItem = ResponsesMessageItem | ResponsesReasoningItem | ResponsesFunctionCallItem | ResponsesCustomToolCallItem;

export interface ResponsesUsage {
  input_tokens: number;
  input_tokens_details: { cached_tokens: number; cache_write_tokens: number };
  output_tokens: number;
  output_tokens_details: { reasoning_tokens: number };
  total_tokens: number;
}

export interface ResponsesError {
  code: string;
  message: string;
}

/** The `response` object of the non-stream body and of response.created/completed/... events. */
export interface ResponsesObject {
  id: string;
  object: 'response';
  created_at: number;
  status: ResponsesStatus;
  background: boolean;
  error: ResponsesError | null;
  incomplete_details: { reason: ResponsesIncompleteReason } | null;
  output: ResponsesOutputItem[];
  usage: ResponsesUsage | null;
  [echoed: string]: unknown;
}

/** What the encoders echo from the client's request, as api.openai.com does (all optional). */
export type ResponsesEcho = Record<string, unknown>;
