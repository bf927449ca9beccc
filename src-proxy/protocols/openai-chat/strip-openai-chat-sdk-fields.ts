/**
 * Fields the OpenAI SDKs add to the message objects they parse, which clients then replay as history:
 * `parsed` (`chat.completions.parse`), `annotations` (a response field), `index` inside a tool call (a
 * stream-chunk field) and `function.parsed_arguments`. None is part of a request message
 * (https://platform.openai.com/docs/api-reference/chat/create, `messages`: assistant content, refusal,
 * name, audio, tool_calls, function_call), and strict OpenAI-compatible backends refuse unknown fields, so
 * the pass-through path sends the body without them. Vendor extensions (e.g. `reasoning_content`) stay.
 */
const sdkOnlyMessageFields = ['parsed', 'annotations'];

export function stripOpenAIChatSdkFields(body: Record<string, unknown>): Record<string, unknown> {
  const messages = body.messages;
  if (!Array.isArray(messages) || !messages.some(hasSdkFields)) return body;
  return { ...body, messages: messages.map((message: unknown) => (hasSdkFields(message) ? stripMessage(message as Record<string, unknown>) : message)) };
}

function hasSdkFields(message: unknown): boolean {
  if (typeof message !== 'object' || message === null) return false;
  const record = message as Record<string, unknown>;
  if (sdkOnlyMessageFields.some((field) => field in record)) return true;
  return Array.isArray(record.tool_calls) && record.tool_calls.some((call) => isRecord(call) && ('index' in call || (isRecord(call.function) && 'parsed_arguments' in call.function)));
}

function stripMessage(message: Record<string, unknown>): Record<string, unknown> {
  const copy = { ...message };
  for (const field of sdkOnlyMessageFields) delete copy[field];
  if (Array.isArray(copy.tool_calls)) copy.tool_calls = copy.tool_calls.map(stripToolCall);
  return copy;
}

function stripToolCall(call: unknown): unknown {
  if (!isRecord(call)) return call;
  const { index: _index, ...rest } = call;
  if (!isRecord(rest.function)) return rest;
  const { parsed_arguments: _parsed, ...fn } = rest.function;
  return { ...rest, function: fn };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
