import type { AssistantContentPart, CanonicalMessage, TextPart, UserContentPart } from '../../canonical/index';
import type { WireAssistantBlock, WireMessage, WireTextBlock, WireUserBlock } from './anthropic-messages-types';
import {
  encodeCacheControl,
  encodeFilePart,
  encodeImagePart,
  encodeReasoningPart,
  encodeTextPart,
  encodeToolCallPart,
  encodeToolResultPart,
  type EncodeScope,
} from './encode-anthropic-messages-blocks';

/**
 * Canonical messages -> Anthropic `messages` (docs/protocols.md#to-anthropic-messages and
 * docs/protocols.md#rules-for-every-direction):
 * - tool results become user turns of tool_result blocks; a mid-conversation system message becomes a
 *   user text `<system-reminder>...</system-reminder>` (Anthropic has no system role inside messages),
 *   placed by `foldSystemReminders`;
 * - consecutive same-role turns merge (Anthropic requires alternation);
 * - in a user turn tool_result blocks come first, in an assistant turn tool_use blocks come last (both
 *   required by Anthropic: results must immediately follow the calls);
 * - turns left without content are omitted.
 */
export function encodeAnthropicMessages(messages: readonly CanonicalMessage[], scope: EncodeScope): WireMessage[] {
  const turns: Turn[] = [];
  messages.forEach((message, index) => {
    if (message.role === 'system') {
      const last = turns[turns.length - 1];
      if (last && 'reminders' in last) last.reminders.push(systemReminder(message.content));
      else turns.push({ reminders: [systemReminder(message.content)] });
      return;
    }
    const turn = encodeTurn(message, `messages[${index}]`, scope);
    if (turn.content.length > 0) turns.push(turn);
  });
  const merged: WireMessage[] = [];
  for (const turn of foldSystemReminders(turns)) {
    const last = merged[merged.length - 1];
    if (last?.role === 'user' && turn.role === 'user') last.content.push(...turn.content);
    else if (last?.role === 'assistant' && turn.role === 'assistant') last.content.push(...turn.content);
    else merged.push(turn);
  }
  for (const turn of merged) orderBlocks(turn);
  trimFinalAssistantText(merged);
  return merged;
}

/** An encoded turn, or the reminders of a run of mid-conversation system messages. */
type Turn = WireMessage | { reminders: WireTextBlock[] };

/**
 * A mid-conversation system message must not become the last thing the user said (a system message
 * after the user's question, as Claude Code sends its agent list, would otherwise follow the question
 * in the merged user turn): its reminder goes to the START of the next user turn (user or tool
 * results), else of the preceding one, else it is a user turn of its own (between two assistant turns).
 * `orderBlocks` later keeps tool_result blocks first, so a reminder never separates calls and results.
 */
function foldSystemReminders(turns: readonly Turn[]): WireMessage[] {
  const result: WireMessage[] = [];
  /** Reminders already at the start of a turn, so later ones keep the conversation order. */
  const leading = new Map<WireMessage, number>();
  turns.forEach((turn, index) => {
    if (!('reminders' in turn)) {
      result.push(turn);
      return;
    }
    const target = userTurn(turns[index + 1]) ?? userTurn(turns[index - 1]);
    if (!target) {
      result.push({ role: 'user', content: turn.reminders });
      return;
    }
    const at = leading.get(target) ?? 0;
    target.content.splice(at, 0, ...turn.reminders);
    leading.set(target, at + turn.reminders.length);
  });
  return result;
}

function userTurn(turn: Turn | undefined): Extract<WireMessage, { role: 'user' }> | undefined {
  return turn && !('reminders' in turn) && turn.role === 'user' ? turn : undefined;
}

function encodeTurn(message: Exclude<CanonicalMessage, { role: 'system' }>, field: string, scope: EncodeScope): WireMessage {
  switch (message.role) {
    case 'user':
      return { role: 'user', content: encodeUserParts(message.content, field, scope) };
    case 'tool':
      return {
        role: 'user',
        content: message.content.map((part, index) => encodeToolResultPart(part, `${field}.content[${index}]`, scope)),
      };
    case 'assistant':
      return { role: 'assistant', content: encodeAssistantParts(message.content, field, scope) };
    default: {
      const unknownMessage: never = message;
      throw new Error(`unknown message role ${JSON.stringify(unknownMessage)}`);
    }
  }
}

export function systemReminder(parts: readonly TextPart[]): WireTextBlock {
  const text = parts.map((part) => part.text).join('\n');
  const cache = parts.find((part) => part.cacheControl)?.cacheControl;
  return { type: 'text', text: `<system-reminder>\n${text}\n</system-reminder>`, ...encodeCacheControl(cache) };
}

function encodeUserParts(parts: readonly UserContentPart[], field: string, scope: EncodeScope): WireUserBlock[] {
  const blocks: WireUserBlock[] = [];
  parts.forEach((part, index) => {
    const partField = `${field}.content[${index}]`;
    const block =
      part.type === 'text'
        ? encodeTextPart(part)
        : part.type === 'image'
          ? encodeImagePart(part, partField, scope)
          : encodeFilePart(part, partField, scope);
    if (block) blocks.push(block);
  });
  return blocks;
}

function encodeAssistantParts(parts: readonly AssistantContentPart[], field: string, scope: EncodeScope): WireAssistantBlock[] {
  const blocks: WireAssistantBlock[] = [];
  parts.forEach((part, index) => {
    const block = encodeAssistantPart(part, `${field}.content[${index}]`, scope);
    if (block) blocks.push(block);
  });
  return blocks;
}

function encodeAssistantPart(part: AssistantContentPart, field: string, scope: EncodeScope): WireAssistantBlock | undefined {
  switch (part.type) {
    case 'text':
      return encodeTextPart(part);
    case 'reasoning':
      return encodeReasoningPart(part, field, scope);
    case 'tool-call':
      return encodeToolCallPart(part, field, scope);
    case 'image':
      scope.warnings.push({ field, message: 'Anthropic assistant turns cannot contain images; dropped' });
      return undefined;
    default: {
      const unknownPart: never = part;
      throw new Error(`unknown assistant part ${JSON.stringify(unknownPart)}`);
    }
  }
}

/** Stable partition: tool_result first in user turns, tool_use last in assistant turns. */
function orderBlocks(turn: WireMessage): void {
  if (turn.role === 'user') {
    const results = turn.content.filter((block) => block.type === 'tool_result');
    turn.content = [...results, ...turn.content.filter((block) => block.type !== 'tool_result')];
  } else {
    const calls = turn.content.filter((block) => block.type === 'tool_use');
    turn.content = [...turn.content.filter((block) => block.type !== 'tool_use'), ...calls];
  }
}

/** "final assistant content cannot end with trailing whitespace" (Anthropic 400 on assistant prefill). */
function trimFinalAssistantText(turns: WireMessage[]): void {
  const last = turns[turns.length - 1];
  if (last?.role !== 'assistant') return;
  const block = last.content[last.content.length - 1];
  if (block?.type !== 'text') return;
  const trimmed = block.text.trimEnd();
  if (trimmed === block.text) return;
  if (trimmed === '') last.content.pop();
  else block.text = trimmed;
  if (last.content.length === 0) turns.pop();
}
