import { isRecord } from '../../auth-store/auth-record';

/** What an assistant tool-call message carries when no reasoning can be found for it (CLIProxyAPI's marker). */
export const kimiReasoningUnavailable = '[reasoning unavailable]';

/**
 * docs/providers.md#kimi-executor: repairs an OpenAI Chat history the way Kimi needs it. Kimi refuses an
 * assistant message that is empty, an assistant tool call without `reasoning_content` (while thinking), and
 * a tool result without `tool_call_id`; clients translated from other protocols send all three. So:
 * - empty assistant messages (no text, tool call, function call or reasoning) are dropped;
 * - an assistant tool call without usable reasoning gets the last usable reasoning of the history, else
 *   its own text, else `[reasoning unavailable]`;
 * - a tool result without `tool_call_id` takes its `call_id`, else the only tool call still unanswered.
 * Returns a new array of (where changed) new message objects; the input is never mutated.
 */
export function normalizeKimiMessages(messages: readonly unknown[]): unknown[] {
  const result: unknown[] = [];
  const pending: string[] = [];
  let latestReasoning = '';
  for (const message of messages) {
    if (!isRecord(message)) {
      result.push(message);
      continue;
    }
    if (message.role === 'assistant') {
      if (isEmptyAssistant(message)) continue;
      if (usableReasoning(message.reasoning_content)) latestReasoning = message.reasoning_content;
      const toolCalls = Array.isArray(message.tool_calls) ? message.tool_calls : [];
      for (const call of toolCalls) if (isRecord(call) && trimmed(call.id) !== '') pending.push(trimmed(call.id));
      const needsReasoning = toolCalls.length > 0 && !usableReasoning(message.reasoning_content);
      result.push(needsReasoning ? { ...message, reasoning_content: latestReasoning || contentText(message.content) || kimiReasoningUnavailable } : message);
      continue;
    }
    if (message.role === 'tool') {
      const own = trimmed(message.tool_call_id);
      const id = own || trimmed(message.call_id) || (pending.length === 1 ? (pending[0] ?? '') : '');
      const index = pending.indexOf(id);
      if (index >= 0) pending.splice(index, 1);
      result.push(own === '' && id !== '' ? { ...message, tool_call_id: id } : message);
      continue;
    }
    result.push(message);
  }
  return result;
}

function isEmptyAssistant(message: Record<string, unknown>): boolean {
  if (Array.isArray(message.tool_calls) && message.tool_calls.length > 0) return false;
  if (isRecord(message.function_call) && Object.keys(message.function_call).length > 0) return false;
  if (trimmed(message.reasoning_content) !== '') return false;
  const { content } = message;
  if (content === undefined || content === null) return true;
  if (typeof content === 'string') return content.trim() === '';
  return Array.isArray(content) && content.every(isEmptyPart);
}

function isEmptyPart(part: unknown): boolean {
  if (part === undefined || part === null) return true;
  if (typeof part === 'string') return part.trim() === '';
  if (!isRecord(part)) return false;
  if ('text' in part) return trimmed(part.text) === '';
  return part.type === 'text' || Object.keys(part).length === 0;
}

function usableReasoning(value: unknown): value is string {
  const text = trimmed(value);
  return text !== '' && text !== kimiReasoningUnavailable;
}

/** An assistant message's own text: the string, or its text parts joined by newlines. */
function contentText(content: unknown): string {
  if (typeof content === 'string') return content.trim();
  if (!Array.isArray(content)) return '';
  return content
    .map((part) => (isRecord(part) ? trimmed(part.text) : ''))
    .filter((text) => text !== '')
    .join('\n');
}

function trimmed(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}
