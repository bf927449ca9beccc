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
 * Canonical messages -> Anthropic `messages` (spec section 1, "Claude message grouping" and "Claude
 * mid-conversation system messages"):
 * - tool results become user turns of tool_result blocks; a mid-conversation system message becomes a
 *   user text `<system-reminder>...</system-reminder>` (Anthropic has no system role inside messages);
 * - consecutive same-role turns merge (Anthropic requires alternation);
 * - in a user turn tool_result blocks come first, in an assistant turn tool_use blocks come last (both
 *   required by Anthropic: results must immediately follow the calls);
 * - turns left without content are omitted.
 */
export function encodeAnthropicMessages(messages: readonly CanonicalMessage[], scope: EncodeScope): WireMessage[] {
  const merged: WireMessage[] = [];
  messages.forEach((message, index) => {
    const turn = encodeTurn(message, `messages[${index}]`, scope);
    if (turn.content.length === 0) return;
    const last = merged[merged.length - 1];
    if (last?.role === 'user' && turn.role === 'user') last.content.push(...turn.content);
    else if (last?.role === 'assistant' && turn.role === 'assistant') last.content.push(...turn.content);
    else merged.push(turn);
  });
  for (const turn of merged) orderBlocks(turn);
  trimFinalAssistantText(merged);
  return merged;
}

function encodeTurn(message: CanonicalMessage, field: string, scope: EncodeScope): WireMessage {
  switch (message.role) {
    case 'system':
      return { role: 'user', content: [systemReminder(message.content)] };
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
