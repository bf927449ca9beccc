import type { OpenAIChatUpstreamChunk, OpenAIChatUpstreamResponse, OpenAIChatUpstreamToolCall, OpenAIChatUpstreamUsage } from './openai-chat-schemas';

/**
 * Hand-written readers of upstream chat bodies with exactly the tolerance of the upstream schemas in
 * openai-chat-schemas.ts (a wrong-typed field reads as absent, null stays null, a non-object body is
 * refused); `read-openai-chat-upstream.test.ts` checks them against those schemas field by field. They
 * exist because every stream event goes through them: zod costs ~1 us per chunk, this a tenth of it.
 * Unknown keys are dropped (nothing downstream reads them).
 */
export function readOpenAIChatUpstreamChunk(json: unknown): OpenAIChatUpstreamChunk | undefined {
  return readBody(json, 'delta') as OpenAIChatUpstreamChunk | undefined;
}

export function readOpenAIChatUpstreamResponse(json: unknown): OpenAIChatUpstreamResponse | undefined {
  return readBody(json, 'message') as OpenAIChatUpstreamResponse | undefined;
}

type Json = Record<string, unknown>;
type Loose<T> = T | null | undefined;

function readBody(json: unknown, messageKey: 'delta' | 'message'): Json | undefined {
  if (!isObject(json)) return undefined;
  return {
    id: looseString(json.id),
    model: looseString(json.model),
    created: looseNumber(json.created),
    choices: looseArray(json.choices, messageKey === 'delta' ? readDeltaChoice : readMessageChoice),
    usage: looseObject(json.usage, readUsage),
    error: json.error,
  };
}

// One reader per key, with the key written out: a computed key (`[messageKey]:`) makes every choice a
// slow dictionary object, and a closure over the key would be made again for every stream event.
function readDeltaChoice(choice: Json): Json {
  return { index: looseNumber(choice.index), delta: looseObject(choice.delta, readMessage), finish_reason: looseString(choice.finish_reason) };
}

function readMessageChoice(choice: Json): Json {
  return { index: looseNumber(choice.index), message: looseObject(choice.message, readMessage), finish_reason: looseString(choice.finish_reason) };
}

function readMessage(message: Json): Json {
  return {
    content: message.content,
    refusal: looseString(message.refusal),
    reasoning_content: looseString(message.reasoning_content),
    reasoning: looseString(message.reasoning),
    tool_calls: looseArray(message.tool_calls, readToolCall),
    function_call: looseObject(message.function_call, readFunction),
    images: looseArray(message.images, readImage),
  };
}

function readToolCall(call: Json): OpenAIChatUpstreamToolCall {
  return { index: looseNumber(call.index), id: looseString(call.id), type: looseString(call.type), function: looseObject(call.function, readFunction) };
}

function readFunction(value: Json): { name: Loose<string>; arguments: Loose<string> } {
  return { name: looseString(value.name), arguments: looseString(value.arguments) };
}

function readImage(image: Json): Json {
  return { image_url: looseObject(image.image_url, readImageUrl) };
}

/** `{url: string}` is required inside image_url: without it the whole image_url reads as absent. */
function readImageUrl(value: Json): { url: string } | undefined {
  return typeof value.url === 'string' ? { url: value.url } : undefined;
}

function readUsage(usage: Json): OpenAIChatUpstreamUsage {
  return {
    prompt_tokens: looseNumber(usage.prompt_tokens),
    completion_tokens: looseNumber(usage.completion_tokens),
    total_tokens: looseNumber(usage.total_tokens),
    prompt_tokens_details: looseObject(usage.prompt_tokens_details, readPromptDetails),
    completion_tokens_details: looseObject(usage.completion_tokens_details, readCompletionDetails),
    input_tokens: looseNumber(usage.input_tokens),
    output_tokens: looseNumber(usage.output_tokens),
  };
}

function readPromptDetails(details: Json): { cached_tokens: Loose<number> } {
  return { cached_tokens: looseNumber(details.cached_tokens) };
}

function readCompletionDetails(details: Json): { reasoning_tokens: Loose<number> } {
  return { reasoning_tokens: looseNumber(details.reasoning_tokens) };
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function looseString(value: unknown): Loose<string> {
  return typeof value === 'string' || value === null ? value : undefined;
}

function looseNumber(value: unknown): Loose<number> {
  return (typeof value === 'number' && Number.isFinite(value)) || value === null ? value : undefined;
}

/** An object read by `read`, null as null, anything else absent (`.nullish().catch(undefined)`). */
function looseObject<T>(value: unknown, read: (value: Json) => T): T | null | undefined {
  if (value === null) return null;
  return isObject(value) ? read(value) : undefined;
}

/** An array whose items are all objects, null as null; one non-object item makes the whole array absent. */
function looseArray<T>(value: unknown, read: (item: Json) => T): T[] | null | undefined {
  if (value === null) return null;
  if (!Array.isArray(value)) return undefined;
  const items: T[] = [];
  for (const item of value) {
    if (!isObject(item)) return undefined;
    items.push(read(item));
  }
  return items;
}
