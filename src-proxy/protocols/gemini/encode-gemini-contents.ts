import type {
  CanonicalMessage,
  CanonicalRequest,
  ToolResultPart,
  TranslationWarning,
  UserContentPart,
} from '../../canonical/index';
import { encodeGeminiModelParts, upstreamPartsPolicy, type ModelPartsPolicy } from './encode-gemini-model-parts';
import { encodeMediaSource } from './gemini-media';
import type { GeminiToolNameMap } from './gemini-tool-names';
import type { GeminiContent, GeminiPart } from './gemini-types';

interface EncodeState {
  names: GeminiToolNameMap;
  /** Tool call id -> client tool name, for tool results that carry no name (Gemini requires one). */
  callNames: ReadonlyMap<string, string>;
  policy: ModelPartsPolicy;
  warnings: TranslationWarning[];
}

/**
 * Canonical messages -> Gemini `contents[]` (https://ai.google.dev/api/caching#Content). Consecutive tool
 * messages become one `user` content of functionResponse parts (Gemini expects all results of a step
 * in the turn right after the calls); media inside tool results follow as sibling parts.
 */
export function encodeGeminiContents(request: CanonicalRequest, names: GeminiToolNameMap, warnings: TranslationWarning[]): GeminiContent[] {
  const policy = upstreamPartsPolicy(names.toGemini);
  const state: EncodeState = { names, callNames: collectCallNames(request.messages), policy, warnings };
  const contents: GeminiContent[] = [];
  let toolTurn: { results: GeminiPart[]; media: GeminiPart[] } | undefined;
  const flushToolTurn = (): void => {
    if (toolTurn) contents.push({ role: 'user', parts: [...toolTurn.results, ...toolTurn.media] });
    toolTurn = undefined;
  };
  request.messages.forEach((message, index) => {
    if (message.role === 'tool') {
      toolTurn ??= { results: [], media: [] };
      for (const part of message.content) encodeToolResult(part, index, state, toolTurn);
      return;
    }
    flushToolTurn();
    const content = encodeMessage(message, index, state);
    if (content.parts.length > 0) contents.push(content);
  });
  flushToolTurn();
  return contents;
}

function encodeMessage(message: Exclude<CanonicalMessage, { role: 'tool' }>, index: number, state: EncodeState): GeminiContent {
  switch (message.role) {
    case 'system':
      // Gemini has one systemInstruction; a later system message can only be sent as user text.
      state.warnings.push({ field: `messages[${index}]`, message: 'mid-conversation system message sent as user text' });
      return { role: 'user', parts: message.content.filter((part) => part.text !== '').map((part) => ({ text: part.text })) };
    case 'user':
      return { role: 'user', parts: message.content.flatMap((part, partIndex) => encodeUserPart(part, `messages[${index}].content[${partIndex}]`, state)) };
    case 'assistant':
      return { role: 'model', parts: encodeGeminiModelParts(message.content, state.policy, `messages[${index}].content`, state.warnings) };
    default: {
      const unknownMessage: never = message;
      throw new Error(`unknown message role ${JSON.stringify(unknownMessage)}`);
    }
  }
}

function encodeUserPart(part: UserContentPart, field: string, state: EncodeState): GeminiPart[] {
  if (part.cacheControl) state.warnings.push({ field: `${field}.cacheControl`, message: 'Gemini has no prompt-cache hints; dropped' });
  switch (part.type) {
    case 'text':
      return part.text === '' ? [] : [{ text: part.text }];
    case 'image':
      return [encodeMediaSource(part.source, 'image/jpeg')];
    case 'file':
      return [encodeMediaSource(part.source, 'application/octet-stream')];
    default: {
      const unknownPart: never = part;
      throw new Error(`unknown user part ${JSON.stringify(unknownPart)}`);
    }
  }
}

function encodeToolResult(part: ToolResultPart, index: number, state: EncodeState, turn: { results: GeminiPart[]; media: GeminiPart[] }): void {
  const field = `messages[${index}].content`;
  const name = part.name ?? state.callNames.get(part.toolCallId);
  if (name === undefined) state.warnings.push({ field: `${field}.toolCallId`, message: `no tool call '${part.toolCallId}' to take the function name from` });
  const texts: string[] = [];
  for (const item of part.content) {
    if (item.type === 'text') texts.push(item.text);
    else turn.media.push(encodeMediaSource(item.source, item.type === 'image' ? 'image/png' : 'application/octet-stream'));
  }
  const response = functionResponseBody(texts.join('\n'), part.isError === true);
  turn.results.push({ functionResponse: { name: state.names.toGemini(name ?? 'unknown_function'), response } });
}

/**
 * Gemini wants an object: JSON-object text is sent as that object, other text as `{result: text}`, and
 * an error as `{error: ...}` (function-calling docs). The original sent the JSON *text* of the result as
 * a string (spec section 12 item 3); we do not.
 */
function functionResponseBody(text: string, isError: boolean): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const isObject = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
  if (isError) return { error: isObject ? parsed : text };
  return isObject ? (parsed as Record<string, unknown>) : { result: text };
}

function collectCallNames(messages: readonly CanonicalMessage[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const message of messages) {
    if (message.role !== 'assistant') continue;
    for (const part of message.content) if (part.type === 'tool-call') names.set(part.id, part.name);
  }
  return names;
}
