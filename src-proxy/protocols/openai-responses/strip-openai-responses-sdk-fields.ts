/**
 * Fields the OpenAI SDKs add to parsed Responses output, which clients replay as `input` items:
 * `parsed` on an `output_text` part (`responses.parse`) and `parsed_arguments` on a `function_call` item.
 * Neither is part of an input item (https://platform.openai.com/docs/api-reference/responses/create,
 * `input`), and strict backends refuse unknown fields, so the pass-through path sends the body without them.
 */
export function stripOpenAIResponsesSdkFields(body: Record<string, unknown>): Record<string, unknown> {
  const input = body.input;
  if (!Array.isArray(input) || !input.some(hasSdkFields)) return body;
  return { ...body, input: input.map((item: unknown) => (hasSdkFields(item) ? stripItem(item as Record<string, unknown>) : item)) };
}

function hasSdkFields(item: unknown): boolean {
  if (!isRecord(item)) return false;
  if ('parsed_arguments' in item) return true;
  return Array.isArray(item.content) && item.content.some((part) => isRecord(part) && 'parsed' in part);
}

function stripItem(item: Record<string, unknown>): Record<string, unknown> {
  const { parsed_arguments: _parsed, ...rest } = item;
  if (!Array.isArray(rest.content)) return rest;
  return { ...rest, content: rest.content.map((part: unknown) => (isRecord(part) && 'parsed' in part ? withoutParsed(part) : part)) };
}

function withoutParsed(part: Record<string, unknown>): Record<string, unknown> {
  const { parsed: _parsed, ...rest } = part;
  return rest;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
