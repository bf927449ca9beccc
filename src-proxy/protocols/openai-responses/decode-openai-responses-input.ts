import type {
  AssistantContentPart,
  CanonicalMessage,
  ReasoningPart,
  TextPart,
  ToolResultPart,
  UserContentPart,
} from '../../canonical/index';
import { decodeContentPart, decodeTextParts, warn, type DecodeSink } from './decode-openai-responses-content';
import { decodeEncryptedContent } from './openai-responses-signature';
import { parseAt, type IssuePath } from '../../translation/request-issues';
import { customCallArguments } from './openai-responses-custom-tools';
import { namespacedToolName, type NamespacedToolNames } from './openai-responses-namespace-tools';
import {
  responsesCustomToolCallItemSchema,
  responsesFunctionCallItemSchema,
  responsesFunctionCallOutputItemSchema,
  responsesItemSchema,
  responsesMessageItemSchema,
  responsesReasoningItemSchema,
} from './openai-responses-schemas';

interface InputState extends DecodeSink {
  /** Leading system/developer messages join the request-level system text. */
  system: TextPart[];
  messages: CanonicalMessage[];
  /** True until the first item that is not a system/developer message. */
  leading: boolean;
  /** call_id -> function name, so tool results carry the name (Gemini needs it). */
  callNames: Map<string, string>;
  /** Flat canonical names of the request's namespaced tools. */
  namespacedNames: NamespacedToolNames | undefined;
}

export interface DecodedInput {
  system: TextPart[];
  messages: CanonicalMessage[];
}

/**
 * `input` (a string or a list of items, platform.openai.com/docs/api-reference/responses/create#input)
 * -> canonical messages. Consecutive assistant-side items (reasoning, assistant message, function_call)
 * form one assistant message, consecutive function_call_output items one tool message: that is how the
 * Responses API lays one model turn out as several items.
 */
export function decodeOpenAIResponsesInput(
  input: string | readonly unknown[] | null | undefined,
  sink: DecodeSink,
  namespacedNames?: NamespacedToolNames,
): DecodedInput {
  const state: InputState = { ...sink, system: [], messages: [], leading: true, callNames: new Map(), namespacedNames };
  if (typeof input === 'string') {
    state.messages.push({ role: 'user', content: [{ type: 'text', text: input }] });
  } else if (input) {
    input.forEach((item, index) => decodeItem(item, ['input', index], state));
  }
  return { system: state.system, messages: state.messages };
}

function decodeItem(raw: unknown, path: IssuePath, state: InputState): void {
  const item = parseAt(responsesItemSchema, raw, path, state.issues);
  if (!item) return;
  const type = item.type ?? (item.role !== undefined ? 'message' : undefined);
  switch (type) {
    case 'message':
      return decodeMessageItem(raw, path, state);
    case 'function_call':
      return decodeFunctionCallItem(raw, path, state);
    case 'custom_tool_call':
      return decodeCustomToolCallItem(raw, path, state);
    case 'function_call_output':
    case 'custom_tool_call_output':
      return decodeFunctionCallOutputItem(raw, path, state);
    case 'reasoning':
      return decodeReasoningItem(raw, path, state);
    case undefined:
      state.issues.push({ path: [...path, 'type'], message: 'type is required for items that are not messages' });
      return;
    case 'item_reference':
      warn(state, path, 'item references need stored responses; the proxy is stateless, so the item was dropped');
      return;
    default:
      warn(state, path, `input item type '${type}' has no canonical form; dropped`);
  }
}

function decodeMessageItem(raw: unknown, path: IssuePath, state: InputState): void {
  const message = parseAt(responsesMessageItemSchema, raw, path, state.issues);
  if (!message) return;
  const contentPath = [...path, 'content'];
  const parts = typeof message.content === 'string' ? undefined : message.content;
  if (message.role === 'system' || message.role === 'developer') {
    const texts = parts ? decodeTextParts(parts, contentPath, state) : [{ type: 'text' as const, text: message.content as string }];
    if (state.leading) state.system.push(...texts);
    else if (texts.length > 0) state.messages.push({ role: 'system', content: texts });
    return;
  }
  state.leading = false;
  const content: UserContentPart[] = parts
    ? parts.flatMap((part, index) => decodeContentPart(part, [...contentPath, index], state) ?? [])
    : [{ type: 'text', text: message.content as string }];
  if (content.length === 0) return;
  if (message.role === 'user') state.messages.push({ role: 'user', content });
  else appendAssistant(state, content.flatMap((part) => assistantPart(part, contentPath, state)));
}

/** Assistant messages carry text (and images); a file in an assistant message has no canonical form. */
function assistantPart(part: UserContentPart, path: IssuePath, state: InputState): AssistantContentPart[] {
  if (part.type === 'file') {
    warn(state, path, 'files in assistant messages have no canonical form; dropped');
    return [];
  }
  return [part];
}

function decodeFunctionCallItem(raw: unknown, path: IssuePath, state: InputState): void {
  const call = parseAt(responsesFunctionCallItemSchema, raw, path, state.issues);
  if (!call) return;
  state.leading = false;
  // A replayed call of a namespaced tool (Codex: `{name, namespace}`) gets the same flat name as the tool.
  const name = call.namespace ? namespacedToolName(state.namespacedNames, call.namespace, call.name) : call.name;
  state.callNames.set(call.call_id, name);
  appendAssistant(state, [{ type: 'tool-call', id: call.call_id, name, arguments: call.arguments }]);
}

/** A custom (free-text) tool call travels as a JSON call with `{"input": "<text>"}`. */
function decodeCustomToolCallItem(raw: unknown, path: IssuePath, state: InputState): void {
  const call = parseAt(responsesCustomToolCallItemSchema, raw, path, state.issues);
  if (!call) return;
  state.leading = false;
  state.callNames.set(call.call_id, call.name);
  appendAssistant(state, [{ type: 'tool-call', id: call.call_id, name: call.name, arguments: customCallArguments(call.input) }]);
}

function decodeFunctionCallOutputItem(raw: unknown, path: IssuePath, state: InputState): void {
  const output = parseAt(responsesFunctionCallOutputItemSchema, raw, path, state.issues);
  if (!output) return;
  state.leading = false;
  const content =
    typeof output.output === 'string'
      ? [{ type: 'text' as const, text: output.output }]
      : output.output.flatMap((part, index) => decodeContentPart(part, [...path, 'output', index], state) ?? []);
  const result: ToolResultPart = { type: 'tool-result', toolCallId: output.call_id, content };
  const name = state.callNames.get(output.call_id);
  if (name !== undefined) result.name = name;
  const last = state.messages.at(-1);
  if (last?.role === 'tool') last.content.push(result);
  else state.messages.push({ role: 'tool', content: [result] });
}

/**
 * A reasoning item: summary texts (or, for open-weight models, reasoning_text content) become the
 * reasoning text, `encrypted_content` its signature (see openai-responses-signature.ts for foreign ones).
 */
function decodeReasoningItem(raw: unknown, path: IssuePath, state: InputState): void {
  const item = parseAt(responsesReasoningItemSchema, raw, path, state.issues);
  if (!item) return;
  state.leading = false;
  const summary = (item.summary ?? []).map((entry) => entry.text);
  const texts = summary.length > 0 ? summary : (item.content ?? []).map((entry) => entry.text);
  const part: ReasoningPart = { type: 'reasoning', text: texts.join('\n\n') };
  if (item.encrypted_content) {
    const decoded = decodeEncryptedContent(item.encrypted_content);
    part.signature = decoded.signature;
    part.signatureFormat = decoded.signatureFormat;
    if (decoded.redacted) part.redacted = true;
  }
  if (part.text === '' && part.signature === undefined) {
    warn(state, path, 'reasoning item without summary or encrypted_content carries nothing; dropped');
    return;
  }
  appendAssistant(state, [part]);
}

function appendAssistant(state: InputState, parts: AssistantContentPart[]): void {
  if (parts.length === 0) return;
  const last = state.messages.at(-1);
  if (last?.role === 'assistant') last.content.push(...parts);
  else state.messages.push({ role: 'assistant', content: parts });
}
