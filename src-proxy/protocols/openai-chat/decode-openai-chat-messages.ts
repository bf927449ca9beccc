import type { AssistantContentPart, CanonicalMessage, TextPart, ToolResultPart, TranslationContext } from '../../canonical/index';
import { decodeTextContent, decodeUserContent, type DecodeScope } from './decode-openai-chat-content';
import type { OpenAIChatInboundMessage } from './openai-chat-schemas';
import { formatIssuePath } from '../../translation/request-issues';

type Message<Role extends OpenAIChatInboundMessage['role']> = Extract<OpenAIChatInboundMessage, { role: Role }>;

/** Per-request bookkeeping that pairs tool results with the calls they answer. */
interface MessageState {
  context: TranslationContext;
  scope: DecodeScope;
  /** tool_call id -> function name, so tool results can carry the name (Gemini needs it). */
  nameById: Map<string, string>;
  /** Legacy `function_call`s have no id: ids are synthesised and handed to `function` results FIFO per name. */
  pendingLegacyIds: Map<string, string[]>;
  system: TextPart[];
  messages: CanonicalMessage[];
  leadingSystem: boolean;
}

/**
 * Chat messages -> canonical. Leading system/developer messages become `system`; later ones stay as
 * role 'system' messages where the client put them. Consecutive tool (and legacy function) results
 * merge into one canonical tool message, the way parallel tool calls are answered.
 */
export function decodeOpenAIChatMessages(
  messages: readonly OpenAIChatInboundMessage[],
  context: TranslationContext,
  scope: DecodeScope,
): { system: TextPart[]; messages: CanonicalMessage[] } {
  const state: MessageState = { context, scope, nameById: new Map(), pendingLegacyIds: new Map(), system: [], messages: [], leadingSystem: true };
  messages.forEach((message, index) => decodeMessage(message, ['messages', index], state));
  return { system: state.system, messages: state.messages };
}

function decodeMessage(message: OpenAIChatInboundMessage, path: Array<string | number>, state: MessageState): void {
  if (typeof message.name === 'string' && message.role !== 'function') {
    state.scope.warnings.push({ field: `${formatIssuePath(path)}.name`, message: 'participant names are not supported and were dropped' });
  }
  if (message.role !== 'system' && message.role !== 'developer') state.leadingSystem = false;
  switch (message.role) {
    case 'system':
    case 'developer': {
      const content = decodeTextContent(message.content, [...path, 'content'], state.scope);
      if (state.leadingSystem) state.system.push(...content);
      else state.messages.push({ role: 'system', content });
      return;
    }
    case 'user':
      state.messages.push({ role: 'user', content: decodeUserContent(message.content, [...path, 'content'], state.scope) });
      return;
    case 'assistant':
      decodeAssistant(message, path, state);
      return;
    case 'tool':
      decodeToolResult(message, path, state);
      return;
    case 'function':
      decodeFunctionResult(message, state);
      return;
    default: {
      const unreachable: never = message;
      throw new Error(`unhandled role ${String(unreachable)}`);
    }
  }
}

function decodeAssistant(message: Message<'assistant'>, path: Array<string | number>, state: MessageState): void {
  const content: AssistantContentPart[] = [];
  const reasoning = message.reasoning_content ?? message.reasoning;
  if (reasoning) content.push({ type: 'reasoning', text: reasoning });
  if (message.content != null) {
    content.push(...decodeTextContent(message.content, [...path, 'content'], state.scope).filter((part) => part.text !== ''));
  }
  if (message.refusal) content.push({ type: 'text', text: message.refusal });
  for (const call of message.tool_calls ?? []) {
    const id = call.id || state.context.generateId('call');
    state.nameById.set(id, call.function.name);
    content.push({ type: 'tool-call', id, name: call.function.name, arguments: call.function.arguments || '{}' });
  }
  if (message.function_call) {
    const { name } = message.function_call;
    const id = state.context.generateId('call');
    state.pendingLegacyIds.set(name, [...(state.pendingLegacyIds.get(name) ?? []), id]);
    state.nameById.set(id, name);
    content.push({ type: 'tool-call', id, name, arguments: message.function_call.arguments || '{}' });
  }
  if (content.length === 0) {
    state.scope.warnings.push({ field: formatIssuePath(path), message: 'an assistant message without content or tool calls was dropped' });
    return;
  }
  state.messages.push({ role: 'assistant', content });
}

function pushToolResult(result: ToolResultPart, state: MessageState): void {
  const last = state.messages[state.messages.length - 1];
  if (last?.role === 'tool') last.content.push(result);
  else state.messages.push({ role: 'tool', content: [result] });
}

function decodeToolResult(message: Message<'tool'>, path: Array<string | number>, state: MessageState): void {
  const result: ToolResultPart = {
    type: 'tool-result',
    toolCallId: message.tool_call_id,
    content: decodeUserContent(message.content, [...path, 'content'], state.scope),
  };
  const name = state.nameById.get(message.tool_call_id);
  if (name !== undefined) result.name = name;
  pushToolResult(result, state);
}

function decodeFunctionResult(message: Message<'function'>, state: MessageState): void {
  const pending = state.pendingLegacyIds.get(message.name);
  const toolCallId = pending?.shift() ?? state.context.generateId('call');
  pushToolResult({ type: 'tool-result', toolCallId, name: message.name, content: [{ type: 'text', text: message.content ?? '' }] }, state);
}
