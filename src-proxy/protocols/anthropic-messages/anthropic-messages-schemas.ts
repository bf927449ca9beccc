import { z } from 'zod';

/**
 * Zod schemas of the Anthropic Messages wire (https://docs.anthropic.com/en/api/messages, field names as in
 * the official `@anthropic-ai/sdk` types). Inbound client requests: the fields we read must have the
 * right type, unknown fields pass (z.looseObject). Content blocks are validated per `type` by the request
 * decoder, so an unknown block type becomes a warning instead of an error. Upstream bodies: tolerant.
 */

export const cacheControlSchema = z.looseObject({
  type: z.literal('ephemeral'),
  ttl: z.string().optional(),
});

export const textBlockSchema = z.looseObject({
  type: z.literal('text'),
  text: z.string(),
  cache_control: cacheControlSchema.nullish(),
});

const base64SourceSchema = z.looseObject({ type: z.literal('base64'), media_type: z.string(), data: z.string() });
const urlSourceSchema = z.looseObject({ type: z.literal('url'), url: z.string() });
const fileSourceSchema = z.looseObject({ type: z.literal('file'), file_id: z.string() });

export const imageBlockSchema = z.looseObject({
  type: z.literal('image'),
  source: z.discriminatedUnion('type', [base64SourceSchema, urlSourceSchema, fileSourceSchema]),
  cache_control: cacheControlSchema.nullish(),
});

export const documentBlockSchema = z.looseObject({
  type: z.literal('document'),
  source: z.discriminatedUnion('type', [
    base64SourceSchema,
    urlSourceSchema,
    fileSourceSchema,
    z.looseObject({ type: z.literal('text'), media_type: z.string().optional(), data: z.string() }),
    z.looseObject({ type: z.literal('content'), content: z.union([z.string(), z.array(z.looseObject({ type: z.string() }))]) }),
  ]),
  title: z.string().nullish(),
  context: z.string().nullish(),
  citations: z.unknown().optional(),
  cache_control: cacheControlSchema.nullish(),
});

export const thinkingBlockSchema = z.looseObject({
  type: z.literal('thinking'),
  thinking: z.string(),
  signature: z.string().nullish(),
});

export const redactedThinkingBlockSchema = z.looseObject({ type: z.literal('redacted_thinking'), data: z.string() });

export const toolUseBlockSchema = z.looseObject({
  type: z.literal('tool_use'),
  id: z.string(),
  name: z.string(),
  input: z.unknown(),
  cache_control: cacheControlSchema.nullish(),
});

/** Any block: `type` is checked here, the rest by the schema for that type. */
export const anyBlockSchema = z.looseObject({ type: z.string() });

export const toolResultBlockSchema = z.looseObject({
  type: z.literal('tool_result'),
  tool_use_id: z.string(),
  content: z.union([z.string(), z.array(anyBlockSchema)]).nullish(),
  is_error: z.boolean().nullish(),
  cache_control: cacheControlSchema.nullish(),
});

export const messageSchema = z.looseObject({
  role: z.enum(['user', 'assistant', 'system']),
  content: z.union([z.string(), z.array(anyBlockSchema)]),
});

/** A tool entry: custom tools carry `input_schema`; server tools (web_search...) carry a versioned `type`. */
export const toolSchema = z.looseObject({
  name: z.string(),
  type: z.string().nullish(),
  description: z.string().nullish(),
  input_schema: z.record(z.string(), z.unknown()).optional(),
  strict: z.boolean().nullish(),
  cache_control: cacheControlSchema.nullish(),
});

export const toolChoiceSchema = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('auto'), disable_parallel_tool_use: z.boolean().nullish() }),
  z.looseObject({ type: z.literal('any'), disable_parallel_tool_use: z.boolean().nullish() }),
  z.looseObject({ type: z.literal('tool'), name: z.string(), disable_parallel_tool_use: z.boolean().nullish() }),
  z.looseObject({ type: z.literal('none') }),
]);

export const thinkingConfigSchema = z.looseObject({
  type: z.string(),
  budget_tokens: z.number().int().nullish(),
  display: z.string().nullish(),
});

export const outputConfigSchema = z.looseObject({
  effort: z.string().nullish(),
  format: z.looseObject({ type: z.literal('json_schema'), schema: z.record(z.string(), z.unknown()) }).nullish(),
});

const requestFields = {
  model: z.string().trim().min(1, 'model is required'),
  messages: z.array(messageSchema).min(1, 'messages must contain at least one message'),
  system: z.union([z.string(), z.array(textBlockSchema)]).nullish(),
  tools: z.array(toolSchema).nullish(),
  tool_choice: toolChoiceSchema.nullish(),
  temperature: z.number().nullish(),
  top_p: z.number().nullish(),
  top_k: z.number().int().nullish(),
  stop_sequences: z.array(z.string()).nullish(),
  stream: z.boolean().nullish(),
  metadata: z.looseObject({ user_id: z.string().nullish() }).nullish(),
  thinking: thinkingConfigSchema.nullish(),
  output_config: outputConfigSchema.nullish(),
};

/** `POST /v1/messages`: `max_tokens` is required by Anthropic. */
export const anthropicMessagesRequestSchema = z.looseObject({
  ...requestFields,
  max_tokens: z.number().int().positive(),
});

/** `POST /v1/messages/count_tokens`: the same body without `max_tokens`. */
export const anthropicCountTokensRequestSchema = z.looseObject({
  ...requestFields,
  max_tokens: z.number().int().positive().nullish(),
});

export type AnthropicRequestBody = z.infer<typeof anthropicCountTokensRequestSchema>;
export type AnthropicMessage = z.infer<typeof messageSchema>;
export type AnthropicCacheControl = z.infer<typeof cacheControlSchema>;

// ---- Upstream (tolerant) ----

export const upstreamUsageSchema = z.looseObject({
  input_tokens: z.number().nullish(),
  output_tokens: z.number().nullish(),
  cache_creation_input_tokens: z.number().nullish(),
  cache_read_input_tokens: z.number().nullish(),
  output_tokens_details: z.looseObject({ thinking_tokens: z.number().nullish() }).nullish(),
});

export type AnthropicUsage = z.infer<typeof upstreamUsageSchema>;

export const upstreamMessageSchema = z.looseObject({
  id: z.string().nullish(),
  model: z.string().nullish(),
  content: z.array(z.looseObject({ type: z.string() })).nullish(),
  stop_reason: z.string().nullish(),
  stop_sequence: z.string().nullish(),
  usage: upstreamUsageSchema.nullish(),
});

export const upstreamErrorSchema = z.looseObject({
  type: z.string().optional(),
  error: z.looseObject({ type: z.string().optional(), message: z.string().optional() }).optional(),
});
