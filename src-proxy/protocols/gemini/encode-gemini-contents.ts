import type {
  CanonicalMessage,
  CanonicalRequest,
  TextPart,
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

/** A user content, or the `<system-reminder>` parts of a run of mid-conversation system messages. */
type Entry = { content: GeminiContent; toolTurn: boolean } | { reminders: GeminiPart[] };

/**
 * Canonical messages -> Gemini `contents[]` (https://ai.google.dev/api/caching#Content). Consecutive tool
 * messages become one `user` content of functionResponse parts (Gemini expects all results of a step
 * in the turn right after the calls); media inside tool results follow as sibling parts. Mid-conversation
 * system messages are folded into a user turn (`foldSystemReminders`).
 */
export function encodeGeminiContents(request: CanonicalRequest, names: GeminiToolNameMap, warnings: TranslationWarning[]): GeminiContent[] {
  const policy = upstreamPartsPolicy(names.toGemini);
  const state: EncodeState = { names, callNames: collectCallNames(request.messages), policy, warnings };
  const entries: Entry[] = [];
  let toolTurn: { results: GeminiPart[]; media: GeminiPart[] } | undefined;
  const flushToolTurn = (): void => {
    if (toolTurn) entries.push({ content: { role: 'user', parts: [...toolTurn.results, ...toolTurn.media] }, toolTurn: true });
    toolTurn = undefined;
  };
  request.messages.forEach((message, index) => {
    if (message.role === 'tool') {
      toolTurn ??= { results: [], media: [] };
      for (const part of message.content) encodeToolResult(part, index, state, toolTurn);
      return;
    }
    flushToolTurn();
    if (message.role === 'system') return addSystemReminder(entries, message.content, index, state);
    const content = encodeMessage(message, index, state);
    if (content.parts.length > 0) entries.push({ content, toolTurn: false });
  });
  flushToolTurn();
  return foldSystemReminders(entries);
}

/**
 * Gemini has one systemInstruction, so a later system message can only be user text; it is wrapped in
 * `<system-reminder>` (docs/protocols.md#rules-for-every-direction, as Claude Code marks injected context). Consecutive ones stay together.
 */
function addSystemReminder(entries: Entry[], parts: readonly TextPart[], index: number, state: EncodeState): void {
  const text = parts.map((part) => part.text).filter((part) => part !== '').join('\n');
  if (text === '') return;
  state.warnings.push({ field: `messages[${index}]`, message: 'mid-conversation system message sent as <system-reminder> text in a user turn' });
  const reminder: GeminiPart = { text: `<system-reminder>\n${text}\n</system-reminder>` };
  const last = entries[entries.length - 1];
  if (last && 'reminders' in last) last.reminders.push(reminder);
  else entries.push({ reminders: [reminder] });
}

/**
 * A mid-conversation system message joins a user turn without becoming the last thing the user said
 * (Claude Code sends `[user: question, system: agent list]`; as a user content after the question the
 * model answers the list): it goes to the START of the next user content, else of the preceding one.
 * A function-response turn keeps its functionResponse parts first (they must directly follow the
 * functionCall turn), so there the reminder goes after them. With no user content next to it (between
 * two model turns) it stays a user content of its own.
 */
function foldSystemReminders(entries: readonly Entry[]): GeminiContent[] {
  const contents: GeminiContent[] = [];
  /** Reminders already at the start of a content, so later ones keep the conversation order. */
  const leading = new Map<GeminiContent, number>();
  entries.forEach((entry, index) => {
    if (!('reminders' in entry)) {
      contents.push(entry.content);
      return;
    }
    const target = userTurn(entries[index + 1]) ?? userTurn(entries[index - 1]);
    if (!target) {
      contents.push({ role: 'user', parts: entry.reminders });
    } else if (target.toolTurn) {
      target.content.parts.push(...entry.reminders);
    } else {
      const at = leading.get(target.content) ?? 0;
      target.content.parts.splice(at, 0, ...entry.reminders);
      leading.set(target.content, at + entry.reminders.length);
    }
  });
  return contents;
}

function userTurn(entry: Entry | undefined): { content: GeminiContent; toolTurn: boolean } | undefined {
  return entry && !('reminders' in entry) && entry.content.role === 'user' ? entry : undefined;
}

function encodeMessage(message: Extract<CanonicalMessage, { role: 'user' | 'assistant' }>, index: number, state: EncodeState): GeminiContent {
  switch (message.role) {
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
 * a string (docs/protocols.md#cpa-quirks-we-do-not-copy); we do not.
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
