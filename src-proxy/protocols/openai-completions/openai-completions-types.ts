/**
 * The legacy Completions shapes we write to clients (platform.openai.com/docs/api-reference/completions;
 * the `openai` SDK's `Completion` and `CompletionChoice` types). Streamed chunks are `Completion`
 * objects too.
 */

export type OpenAICompletionsFinishReason = 'stop' | 'length' | 'content_filter';

export interface OpenAICompletionsUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

export interface OpenAICompletionsChoice {
  text: string;
  index: number;
  logprobs: null;
  finish_reason: OpenAICompletionsFinishReason | null;
}

export interface OpenAICompletion {
  id: string;
  object: 'text_completion';
  created: number;
  choices: OpenAICompletionsChoice[];
  model: string;
  /** Non-stream: always. Stream: null on each chunk, then a `choices: []` chunk, only with include_usage. */
  usage?: OpenAICompletionsUsage | null;
}
