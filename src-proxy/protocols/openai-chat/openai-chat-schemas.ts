import { z } from 'zod';

/**
 * zod schemas of the OpenAI Chat Completions wire (platform.openai.com/docs/api-reference/chat/create).
 * Inbound requests: every field the decoder reads must have its documented type (a wrong type is a 400
 * naming the field); unknown fields are allowed because clients send many vendor extensions. Content
 * parts are validated one by one in the decoder (per part type) so that the error names the exact part.
 * Upstream bodies: tolerant, a wrong-typed field reads as absent.
 */

const nullishNumber = z.number().nullish();
const nullishInt = z.number().int().nullish();

/** A content part before per-type validation (see decode-openai-chat-content.ts). */
export const openaiChatPartSchema = z.looseObject({ type: z.string() });
const partArray = z.array(openaiChatPartSchema);
const contentError = { error: 'expected a string or an array of content parts' };

export const openaiChatTextPartSchema = z.looseObject({ type: z.literal('text'), text: z.string() });
export const openaiChatRefusalPartSchema = z.looseObject({ type: z.literal('refusal'), refusal: z.string() });
export const openaiChatImagePartSchema = z.looseObject({
  type: z.literal('image_url'),
  // A bare string URL is not in the OpenAI reference but vLLM and others accept it, so do we.
  image_url: z.union([z.string(), z.looseObject({ url: z.string(), detail: z.string().nullish() })]),
});
export const openaiChatAudioPartSchema = z.looseObject({
  type: z.literal('input_audio'),
  input_audio: z.looseObject({ data: z.string(), format: z.string() }),
});
export const openaiChatFilePartSchema = z.looseObject({
  type: z.literal('file'),
  file: z.looseObject({ file_data: z.string().nullish(), file_id: z.string().nullish(), filename: z.string().nullish() }),
});

const toolCallSchema = z.looseObject({
  id: z.string().nullish(),
  type: z.string().nullish(),
  function: z.looseObject({ name: z.string(), arguments: z.string().nullish() }),
});

const systemMessage = z.looseObject({ role: z.enum(['system', 'developer']), content: z.union([z.string(), partArray], contentError) });
const userMessage = z.looseObject({ role: z.literal('user'), content: z.union([z.string(), partArray], contentError) });
const assistantMessage = z.looseObject({
  role: z.literal('assistant'),
  content: z.union([z.string(), partArray], contentError).nullish(),
  refusal: z.string().nullish(),
  tool_calls: z.array(toolCallSchema).nullish(),
  function_call: z.looseObject({ name: z.string(), arguments: z.string().nullish() }).nullish(),
  // DeepSeek replays `reasoning_content`; OpenRouter uses `reasoning`.
  reasoning_content: z.string().nullish(),
  reasoning: z.string().nullish(),
});
const toolMessage = z.looseObject({ role: z.literal('tool'), tool_call_id: z.string(), content: z.union([z.string(), partArray], contentError) });
const functionMessage = z.looseObject({ role: z.literal('function'), name: z.string(), content: z.string().nullish() });

export const openaiChatMessageSchema = z.discriminatedUnion(
  'role',
  [systemMessage, userMessage, assistantMessage, toolMessage, functionMessage],
  { error: 'role must be one of system, developer, user, assistant, tool, function' },
);

const functionDefinition = z.looseObject({
  name: z.string().min(1, 'name is required'),
  description: z.string().nullish(),
  parameters: z.record(z.string(), z.unknown()).nullish(),
  strict: z.boolean().nullish(),
});

const toolSchema = z.looseObject({ type: z.string(), function: functionDefinition.optional() });

const toolChoiceSchema = z.union([
  z.enum(['auto', 'none', 'required']),
  z.looseObject({ type: z.string(), function: z.looseObject({ name: z.string() }).optional() }),
], { error: 'expected "auto", "none", "required" or {"type":"function","function":{"name"}}' });

const responseFormatSchema = z.looseObject({
  type: z.enum(['text', 'json_object', 'json_schema']),
  json_schema: z
    .looseObject({
      name: z.string().nullish(),
      description: z.string().nullish(),
      schema: z.record(z.string(), z.unknown()).nullish(),
      strict: z.boolean().nullish(),
    })
    .nullish(),
});

/** OpenRouter's unified reasoning object (openrouter.ai/docs/use-cases/reasoning-tokens). */
const openRouterReasoningSchema = z.looseObject({
  effort: z.string().nullish(),
  max_tokens: nullishInt,
  exclude: z.boolean().nullish(),
  enabled: z.boolean().nullish(),
});

export const openaiChatInboundRequestSchema = z.looseObject({
  model: z.string().trim().min(1, 'model is required'),
  messages: z.array(openaiChatMessageSchema).min(1, 'messages must contain at least one message'),
  tools: z.array(toolSchema).nullish(),
  tool_choice: toolChoiceSchema.nullish(),
  functions: z.array(functionDefinition).nullish(),
  function_call: z.union([z.enum(['auto', 'none']), z.looseObject({ name: z.string() })], { error: 'expected "auto", "none" or {"name"}' }).nullish(),
  parallel_tool_calls: z.boolean().nullish(),
  max_tokens: z.number().int().nonnegative().nullish(),
  max_completion_tokens: z.number().int().nonnegative().nullish(),
  temperature: nullishNumber,
  top_p: nullishNumber,
  top_k: nullishInt,
  stop: z.union([z.string(), z.array(z.string())], { error: 'expected a string or an array of strings' }).nullish(),
  seed: nullishInt,
  presence_penalty: nullishNumber,
  frequency_penalty: nullishNumber,
  n: z.number().int().positive().nullish(),
  response_format: responseFormatSchema.nullish(),
  reasoning_effort: z.string().nullish(),
  reasoning: openRouterReasoningSchema.nullish(),
  include_reasoning: z.boolean().nullish(),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().nullish() }).nullish(),
  user: z.string().nullish(),
});

export type OpenAIChatInboundRequest = z.infer<typeof openaiChatInboundRequestSchema>;
export type OpenAIChatInboundMessage = z.infer<typeof openaiChatMessageSchema>;
export type OpenAIChatInboundPart = z.infer<typeof openaiChatPartSchema>;
export type OpenAIChatInboundToolCall = z.infer<typeof toolCallSchema>;
export type OpenAIChatFunctionDefinition = z.infer<typeof functionDefinition>;

// ---- Upstream (tolerant): `.catch(undefined)` turns a wrong-typed field into an absent one. ----

const looseString = z.string().nullish().catch(undefined);
const looseNumber = z.number().nullish().catch(undefined);

export const openaiChatUpstreamUsageSchema = z
  .looseObject({
    prompt_tokens: looseNumber,
    completion_tokens: looseNumber,
    total_tokens: looseNumber,
    prompt_tokens_details: z.looseObject({ cached_tokens: looseNumber }).nullish().catch(undefined),
    completion_tokens_details: z.looseObject({ reasoning_tokens: looseNumber }).nullish().catch(undefined),
    // Some compatible servers (and the Responses API) name them input/output.
    input_tokens: looseNumber,
    output_tokens: looseNumber,
  })
  .nullish()
  .catch(undefined);

export type OpenAIChatUpstreamUsage = NonNullable<z.infer<typeof openaiChatUpstreamUsageSchema>>;

const upstreamToolCall = z.looseObject({
  index: looseNumber,
  id: looseString,
  type: looseString,
  function: z.looseObject({ name: looseString, arguments: looseString }).nullish().catch(undefined),
});

const upstreamImages = z
  .array(z.looseObject({ image_url: z.looseObject({ url: z.string() }).nullish().catch(undefined) }))
  .nullish()
  .catch(undefined);

/** Fields shared by a non-stream `message` and a stream `delta`. */
const upstreamMessageFields = {
  content: z.unknown().optional(),
  refusal: looseString,
  reasoning_content: looseString,
  reasoning: looseString,
  tool_calls: z.array(upstreamToolCall).nullish().catch(undefined),
  function_call: z.looseObject({ name: looseString, arguments: looseString }).nullish().catch(undefined),
  images: upstreamImages,
};

export const openaiChatUpstreamResponseSchema = z.looseObject({
  id: looseString,
  model: looseString,
  created: looseNumber,
  choices: z
    .array(
      z.looseObject({
        index: looseNumber,
        message: z.looseObject(upstreamMessageFields).nullish().catch(undefined),
        finish_reason: looseString,
      }),
    )
    .nullish()
    .catch(undefined),
  usage: openaiChatUpstreamUsageSchema,
  error: z.unknown().optional(),
});

export type OpenAIChatUpstreamResponse = z.infer<typeof openaiChatUpstreamResponseSchema>;
export type OpenAIChatUpstreamToolCall = z.infer<typeof upstreamToolCall>;

export const openaiChatUpstreamChunkSchema = z.looseObject({
  id: looseString,
  model: looseString,
  created: looseNumber,
  choices: z
    .array(
      z.looseObject({
        index: looseNumber,
        delta: z.looseObject(upstreamMessageFields).nullish().catch(undefined),
        finish_reason: looseString,
      }),
    )
    .nullish()
    .catch(undefined),
  usage: openaiChatUpstreamUsageSchema,
  error: z.unknown().optional(),
});

export type OpenAIChatUpstreamChunk = z.infer<typeof openaiChatUpstreamChunkSchema>;
export type OpenAIChatUpstreamDelta = NonNullable<NonNullable<OpenAIChatUpstreamChunk['choices']>[number]['delta']>;
