/**
 * Required-field lists of the official SDKs' response models, checked against the SDK type definitions
 * by the compiler: `requiredKeysOf<T>()([...])` does not compile while the list misses a required key of
 * `T` or names a key `T` does not require, so an SDK upgrade that adds a required field fails
 * `npm run typecheck` until it is listed here (and then the runtime test until the engine emits it).
 * SDKs: openai 6.40.0 and @anthropic-ai/sdk 1.14.0 (node_modules). The typescript package here is the
 * native compiler (7.x) without the JS compiler API, hence compile-checked lists instead of a walker.
 */
import type Anthropic from '@anthropic-ai/sdk';
import type OpenAI from 'openai';

/** Keys of T that are not optional (a property typed `X | null` is required: it must be present, possibly null). */
export type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T] & string;

type ExactList<T, L extends readonly string[]> = Exclude<RequiredKeys<T>, L[number]> extends never ? L : { missingRequiredKeys: Exclude<RequiredKeys<T>, L[number]> };

/** A runtime list equal to T's required keys, checked at compile time. */
export function requiredKeysOf<T>() {
  return <const L extends ReadonlyArray<RequiredKeys<T>>>(list: L & ExactList<T, L>): readonly string[] => list;
}

type ResponsesEvent<K extends OpenAI.Responses.ResponseStreamEvent['type']> = Extract<OpenAI.Responses.ResponseStreamEvent, { type: K }>;
type AnthropicEvent<K extends Anthropic.Messages.RawMessageStreamEvent['type']> = Extract<Anthropic.Messages.RawMessageStreamEvent, { type: K }>;

export const openaiRequired = {
  chatCompletion: requiredKeysOf<OpenAI.Chat.ChatCompletion>()(['id', 'choices', 'created', 'model', 'object']),
  chatChoice: requiredKeysOf<OpenAI.Chat.ChatCompletion.Choice>()(['finish_reason', 'index', 'logprobs', 'message']),
  chatMessage: requiredKeysOf<OpenAI.Chat.ChatCompletionMessage>()(['content', 'refusal', 'role']),
  chatUsage: requiredKeysOf<OpenAI.CompletionUsage>()(['completion_tokens', 'prompt_tokens', 'total_tokens']),
  chatChunk: requiredKeysOf<OpenAI.Chat.ChatCompletionChunk>()(['id', 'choices', 'created', 'model', 'object']),
  chatChunkChoice: requiredKeysOf<OpenAI.Chat.ChatCompletionChunk.Choice>()(['delta', 'finish_reason', 'index']),
  completion: requiredKeysOf<OpenAI.Completions.Completion>()(['id', 'choices', 'created', 'model', 'object']),
  completionChoice: requiredKeysOf<OpenAI.Completions.CompletionChoice>()(['finish_reason', 'index', 'logprobs', 'text']),
  response: requiredKeysOf<OpenAI.Responses.Response>()([
    'id', 'created_at', 'error', 'incomplete_details', 'instructions', 'metadata', 'model', 'object', 'output', 'output_text',
    'parallel_tool_calls', 'temperature', 'tool_choice', 'tools', 'top_p',
  ]),
  responseUsage: requiredKeysOf<OpenAI.Responses.ResponseUsage>()(['input_tokens', 'input_tokens_details', 'output_tokens', 'output_tokens_details', 'total_tokens']),
  responseInputTokensDetails: requiredKeysOf<OpenAI.Responses.ResponseUsage.InputTokensDetails>()(['cached_tokens']),
  responseOutputMessage: requiredKeysOf<OpenAI.Responses.ResponseOutputMessage>()(['id', 'content', 'role', 'status', 'type']),
  responseOutputText: requiredKeysOf<OpenAI.Responses.ResponseOutputText>()(['annotations', 'text', 'type']),
  responseFunctionCall: requiredKeysOf<OpenAI.Responses.ResponseFunctionToolCall>()(['arguments', 'call_id', 'name', 'type']),
  model: requiredKeysOf<OpenAI.Models.Model>()(['id', 'created', 'object', 'owned_by']),
};

/** Stream events the Responses encoder emits, by `type`. */
export const responsesEventRequired: Record<string, readonly string[]> = {
  'response.created': requiredKeysOf<ResponsesEvent<'response.created'>>()(['response', 'sequence_number', 'type']),
  'response.in_progress': requiredKeysOf<ResponsesEvent<'response.in_progress'>>()(['response', 'sequence_number', 'type']),
  'response.completed': requiredKeysOf<ResponsesEvent<'response.completed'>>()(['response', 'sequence_number', 'type']),
  'response.incomplete': requiredKeysOf<ResponsesEvent<'response.incomplete'>>()(['response', 'sequence_number', 'type']),
  'response.failed': requiredKeysOf<ResponsesEvent<'response.failed'>>()(['response', 'sequence_number', 'type']),
  'response.output_item.added': requiredKeysOf<ResponsesEvent<'response.output_item.added'>>()(['item', 'output_index', 'sequence_number', 'type']),
  'response.output_item.done': requiredKeysOf<ResponsesEvent<'response.output_item.done'>>()(['item', 'output_index', 'sequence_number', 'type']),
  'response.content_part.added': requiredKeysOf<ResponsesEvent<'response.content_part.added'>>()(['content_index', 'item_id', 'output_index', 'part', 'sequence_number', 'type']),
  'response.content_part.done': requiredKeysOf<ResponsesEvent<'response.content_part.done'>>()(['content_index', 'item_id', 'output_index', 'part', 'sequence_number', 'type']),
  'response.output_text.delta': requiredKeysOf<ResponsesEvent<'response.output_text.delta'>>()(['content_index', 'delta', 'item_id', 'logprobs', 'output_index', 'sequence_number', 'type']),
  'response.output_text.done': requiredKeysOf<ResponsesEvent<'response.output_text.done'>>()(['content_index', 'item_id', 'logprobs', 'output_index', 'sequence_number', 'text', 'type']),
  'response.function_call_arguments.delta': requiredKeysOf<ResponsesEvent<'response.function_call_arguments.delta'>>()(['delta', 'item_id', 'output_index', 'sequence_number', 'type']),
  'response.function_call_arguments.done': requiredKeysOf<ResponsesEvent<'response.function_call_arguments.done'>>()(['arguments', 'item_id', 'name', 'output_index', 'sequence_number', 'type']),
  error: requiredKeysOf<ResponsesEvent<'error'>>()(['code', 'message', 'param', 'sequence_number', 'type']),
};

export const anthropicRequired = {
  message: requiredKeysOf<Anthropic.Messages.Message>()(['id', 'container', 'content', 'diagnostics', 'model', 'role', 'stop_details', 'stop_reason', 'stop_sequence', 'type', 'usage']),
  usage: requiredKeysOf<Anthropic.Messages.Usage>()(['cache_creation', 'cache_creation_input_tokens', 'cache_read_input_tokens', 'inference_geo', 'input_tokens', 'output_tokens', 'output_tokens_details', 'server_tool_use', 'service_tier', 'speed']),
  textBlock: requiredKeysOf<Anthropic.Messages.TextBlock>()(['citations', 'text', 'type']),
  toolUseBlock: requiredKeysOf<Anthropic.Messages.ToolUseBlock>()(['id', 'caller', 'input', 'name', 'type']),
  modelInfo: requiredKeysOf<Anthropic.Models.ModelInfo>()(['id', 'capabilities', 'created_at', 'deprecated_at', 'display_name', 'lifecycle', 'line', 'max_input_tokens', 'max_tokens', 'retires_at', 'type']),
  tokenCount: requiredKeysOf<Anthropic.Messages.MessageTokensCount>()(['input_tokens']),
  messageDeltaUsage: requiredKeysOf<Anthropic.Messages.MessageDeltaUsage>()(['cache_creation_input_tokens', 'cache_read_input_tokens', 'input_tokens', 'output_tokens', 'output_tokens_details', 'server_tool_use']),
};

/** Stream events of the Messages API, by `type`. */
export const anthropicEventRequired: Record<string, readonly string[]> = {
  message_start: requiredKeysOf<AnthropicEvent<'message_start'>>()(['message', 'type']),
  message_delta: requiredKeysOf<AnthropicEvent<'message_delta'>>()(['delta', 'type', 'usage']),
  message_stop: requiredKeysOf<AnthropicEvent<'message_stop'>>()(['type']),
  content_block_start: requiredKeysOf<AnthropicEvent<'content_block_start'>>()(['content_block', 'index', 'type']),
  content_block_delta: requiredKeysOf<AnthropicEvent<'content_block_delta'>>()(['delta', 'index', 'type']),
  content_block_stop: requiredKeysOf<AnthropicEvent<'content_block_stop'>>()(['index', 'type']),
};

/**
 * Fields the Python SDKs' newer models require beyond the TypeScript SDKs above (read from the models'
 * source: openai-python 3.3.1 `types/responses/response_usage.py` declares `cache_write_tokens: int`).
 */
export const pythonOnlyRequired = {
  responseInputTokensDetails: ['cache_write_tokens'],
};
