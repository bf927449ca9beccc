import { z } from 'zod';

/**
 * zod schemas of the OpenAI Responses wire (platform.openai.com/docs/api-reference/responses/create,
 * the `openai` SDK's `ResponseCreateParams`, `ResponseInputItem`, `Response` and `ResponseStreamEvent`).
 * Inbound requests: every field the decoder reads must have its documented type (a wrong type is a 400
 * naming the field); unknown fields pass because clients (Codex CLI) send many more. Input items and
 * their content parts are validated one by one by the decoder so that an error names the exact item.
 * Upstream bodies and events: tolerant, a wrong-typed field reads as absent.
 */

const nullishString = z.string().nullish();

export const responsesRequestSchema = z.looseObject({
  model: z.string().trim().min(1, 'model is required'),
  instructions: nullishString,
  input: z.union([z.string(), z.array(z.unknown())], { error: 'expected a string or an array of input items' }).nullish(),
  tools: z.array(z.looseObject({ type: z.string() })).nullish(),
  tool_choice: z
    .union([z.enum(['none', 'auto', 'required']), z.looseObject({ type: z.string(), name: nullishString, namespace: nullishString, mode: nullishString })], {
      error: "expected 'none', 'auto', 'required' or a tool choice object",
    })
    .nullish(),
  parallel_tool_calls: z.boolean().nullish(),
  max_output_tokens: z.number().int().nonnegative().nullish(),
  temperature: z.number().nullish(),
  top_p: z.number().nullish(),
  reasoning: z.looseObject({ effort: nullishString, summary: nullishString, generate_summary: nullishString }).nullish(),
  text: z.looseObject({ format: z.looseObject({ type: z.string() }).nullish(), verbosity: nullishString }).nullish(),
  stream: z.boolean().nullish(),
  user: nullishString,
  store: z.boolean().nullish(),
  previous_response_id: nullishString,
  conversation: z.unknown().optional(),
  background: z.boolean().nullish(),
  include: z.array(z.string()).nullish(),
  prompt_cache_key: nullishString,
});
export type ResponsesRequestBody = z.infer<typeof responsesRequestSchema>;

export const responsesFunctionToolSchema = z.looseObject({
  type: z.literal('function'),
  name: z.string().min(1, 'name is required'),
  description: nullishString,
  parameters: z.record(z.string(), z.unknown()).nullish(),
  strict: z.boolean().nullish(),
});

/** A group of function tools (Codex CLI: `multi_agent_v1`, MCP servers `mcp__<server>`); members validated one by one. */
export const responsesNamespaceToolSchema = z.looseObject({
  type: z.literal('namespace'),
  name: z.string().min(1, 'name is required'),
  description: nullishString,
  tools: z.array(z.looseObject({ type: z.string() }), { error: 'expected an array of function tools' }),
});

export const responsesCustomToolSchema = z.looseObject({
  type: z.literal('custom'),
  name: z.string().min(1, 'name is required'),
  description: nullishString,
  format: z.looseObject({ type: z.string() }).nullish(),
});

export const responsesTextFormatSchema = z.discriminatedUnion(
  'type',
  [
    z.looseObject({ type: z.literal('text') }),
    z.looseObject({ type: z.literal('json_object') }),
    z.looseObject({
      type: z.literal('json_schema'),
      name: nullishString,
      description: nullishString,
      schema: z.record(z.string(), z.unknown()),
      strict: z.boolean().nullish(),
    }),
  ],
  { error: 'format.type must be text, json_object or json_schema' },
);

/** An input item before per-type validation: messages may omit `type` (EasyInputMessage). */
export const responsesItemSchema = z.looseObject({ type: z.string().optional(), role: z.string().optional() });

const partArray = z.array(z.looseObject({ type: z.string() }));
export const responsesMessageItemSchema = z.looseObject({
  type: z.literal('message').optional(),
  role: z.enum(['user', 'assistant', 'system', 'developer'], { error: 'role must be user, assistant, system or developer' }),
  content: z.union([z.string(), partArray], { error: 'expected a string or an array of content parts' }),
});
export const responsesFunctionCallItemSchema = z.looseObject({
  type: z.literal('function_call'),
  call_id: z.string().min(1, 'call_id is required'),
  name: z.string().min(1, 'name is required'),
  namespace: nullishString,
  arguments: z.string(),
});
export const responsesCustomToolCallItemSchema = z.looseObject({
  type: z.literal('custom_tool_call'),
  call_id: z.string().min(1, 'call_id is required'),
  name: z.string().min(1, 'name is required'),
  input: z.string(),
});
export const responsesFunctionCallOutputItemSchema = z.looseObject({
  type: z.enum(['function_call_output', 'custom_tool_call_output']),
  call_id: z.string().min(1, 'call_id is required'),
  output: z.union([z.string(), partArray], { error: 'expected a string or an array of content parts' }),
});
const textEntry = z.looseObject({ type: z.string().optional(), text: z.string() });
export const responsesReasoningItemSchema = z.looseObject({
  type: z.literal('reasoning'),
  id: nullishString,
  summary: z.array(textEntry).nullish(),
  content: z.array(textEntry).nullish(),
  encrypted_content: nullishString,
});

export const responsesTextPartSchema = z.looseObject({ type: z.enum(['input_text', 'output_text']), text: z.string() });
export const responsesRefusalPartSchema = z.looseObject({ type: z.literal('refusal'), refusal: z.string() });
export const responsesImagePartSchema = z.looseObject({
  type: z.literal('input_image'),
  image_url: nullishString,
  file_id: nullishString,
  detail: nullishString,
});
export const responsesFilePartSchema = z.looseObject({
  type: z.literal('input_file'),
  file_data: nullishString,
  file_id: nullishString,
  file_url: nullishString,
  filename: nullishString,
});

// ---- upstream (tolerant) -------------------------------------------------------------------------

function tolerant<Schema extends z.ZodType>(schema: Schema) {
  return schema.optional().catch(undefined);
}

const tolerantString = tolerant(z.string());
const tolerantNumber = tolerant(z.number());

export const upstreamUsageSchema = z.looseObject({
  input_tokens: tolerantNumber,
  input_tokens_details: tolerant(z.looseObject({ cached_tokens: tolerantNumber, cache_write_tokens: tolerantNumber })),
  output_tokens: tolerantNumber,
  output_tokens_details: tolerant(z.looseObject({ reasoning_tokens: tolerantNumber })),
  total_tokens: tolerantNumber,
});
export type UpstreamUsage = z.infer<typeof upstreamUsageSchema>;

const upstreamTextEntry = z.looseObject({ type: tolerantString, text: tolerantString, refusal: tolerantString });
export const upstreamOutputItemSchema = z.looseObject({
  type: tolerantString,
  id: tolerantString,
  status: tolerantString,
  content: tolerant(z.array(upstreamTextEntry)),
  summary: tolerant(z.array(upstreamTextEntry)),
  encrypted_content: tolerantString,
  call_id: tolerantString,
  name: tolerantString,
  arguments: tolerantString,
});
export type UpstreamOutputItem = z.infer<typeof upstreamOutputItemSchema>;

export const upstreamErrorSchema = z.looseObject({ code: tolerantString, message: tolerantString, type: tolerantString });

export const upstreamResponseSchema = z.looseObject({
  id: tolerantString,
  model: tolerantString,
  created_at: tolerantNumber,
  status: tolerantString,
  incomplete_details: tolerant(z.looseObject({ reason: tolerantString }).nullable()),
  error: tolerant(upstreamErrorSchema.nullable()),
  output: tolerant(z.array(z.unknown())),
  usage: tolerant(upstreamUsageSchema.nullable()),
});
export type UpstreamResponse = z.infer<typeof upstreamResponseSchema>;

/** One stream event; every field optional because each event type carries a different subset. */
export const upstreamEventSchema = z.looseObject({
  type: tolerantString,
  response: tolerant(z.unknown()),
  item: tolerant(z.unknown()),
  item_id: tolerantString,
  output_index: tolerantNumber,
  content_index: tolerantNumber,
  summary_index: tolerantNumber,
  delta: tolerantString,
  text: tolerantString,
  refusal: tolerantString,
  arguments: tolerantString,
  part: tolerant(upstreamTextEntry),
  code: tolerant(z.union([z.string(), z.number()]).nullable()),
  message: tolerantString,
  error: tolerant(upstreamErrorSchema),
});
export type UpstreamEvent = z.infer<typeof upstreamEventSchema>;
