/**
 * The OpenAI Chat Completions shapes this module WRITES (to clients and to upstreams). Field names follow
 * the API reference (platform.openai.com/docs/api-reference/chat) and the `openai` SDK's
 * `ChatCompletion`, `ChatCompletionChunk` and `ChatCompletionMessageParam` types. `reasoning_content`
 * is the DeepSeek extension (api-docs.deepseek.com/guides/reasoning_model) that OpenAI-compatible
 * clients read reasoning from.
 */

export type OpenAIChatFinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'function_call';

export interface OpenAIChatToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export interface OpenAIChatUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details?: { cached_tokens: number };
  completion_tokens_details?: { reasoning_tokens: number };
}

/** OpenRouter-style generated image on an assistant message (no official OpenAI field exists). */
export interface OpenAIChatOutputImage {
  type: 'image_url';
  image_url: { url: string };
}

export interface OpenAIChatResponseMessage {
  role: 'assistant';
  content: string | null;
  refusal: null;
  annotations: [];
  reasoning_content?: string;
  tool_calls?: OpenAIChatToolCall[];
  images?: OpenAIChatOutputImage[];
}

export interface OpenAIChatCompletion {
  id: string;
  object: 'chat.completion';
  created: number;
  model: string;
  choices: Array<{
    index: number;
    message: OpenAIChatResponseMessage;
    logprobs: null;
    finish_reason: OpenAIChatFinishReason;
  }>;
  usage: OpenAIChatUsage;
}

export interface OpenAIChatToolCallDelta {
  index: number;
  id?: string;
  type?: 'function';
  function: { name?: string; arguments: string };
}

export interface OpenAIChatDelta {
  role?: 'assistant';
  content?: string;
  reasoning_content?: string;
  tool_calls?: OpenAIChatToolCallDelta[];
}

export interface OpenAIChatChunk {
  id: string;
  object: 'chat.completion.chunk';
  created: number;
  model: string;
  choices: Array<{
    index: number;
    delta: OpenAIChatDelta;
    logprobs: null;
    finish_reason: OpenAIChatFinishReason | null;
  }>;
  /** Present (null until the last chunk) only when the client asked for `stream_options.include_usage`. */
  usage?: OpenAIChatUsage | null;
}

/** Request-side message shapes written to OpenAI-compatible upstreams. */
export type OpenAIChatContentPart =
  | { type: 'text'; text: string }
  | { type: 'image_url'; image_url: { url: string; detail?: 'auto' | 'low' | 'high' } }
  | { type: 'input_audio'; input_audio: { data: string; format: string } }
  | { type: 'file'; file: { file_data: string; filename?: string } };

export type OpenAIChatRequestMessage =
  | { role: 'system'; content: string }
  | { role: 'user'; content: string | OpenAIChatContentPart[] }
  | { role: 'assistant'; content: string | null; reasoning_content?: string; tool_calls?: OpenAIChatToolCall[] }
  | { role: 'tool'; tool_call_id: string; content: string | Array<{ type: 'text'; text: string }> };
