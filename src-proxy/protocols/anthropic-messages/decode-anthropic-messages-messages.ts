import type {
  AssistantContentPart,
  CanonicalMessage,
  TextPart,
  ToolResultPart,
  UserContentPart,
} from '../../canonical/index';
import type { AnthropicMessage } from './anthropic-messages-schemas';
import { warn, type DecodeScope } from './anthropic-request-issues';
import {
  decodeDocumentBlock,
  decodeImageBlock,
  decodeRedactedThinkingBlock,
  decodeTextBlock,
  decodeThinkingBlock,
  decodeToolResultBlock,
  decodeToolUseBlock,
} from './decode-anthropic-messages-blocks';

/**
 * Anthropic `messages` -> canonical messages. A user turn holding tool_result blocks becomes a
 * role:'tool' message (the results) followed by a role:'user' message (everything else): Anthropic
 * requires tool results first in such a turn, and the OpenAI-style wires need them adjacent to the call.
 */
export function decodeAnthropicMessages(messages: readonly AnthropicMessage[], scope: DecodeScope): CanonicalMessage[] {
  const decoded: CanonicalMessage[] = [];
  messages.forEach((message, index) => {
    const path = `messages[${index}]`;
    switch (message.role) {
      case 'user':
        decoded.push(...decodeUserMessage(message.content, path, scope));
        break;
      case 'assistant': {
        const content = decodeAssistantContent(message.content, path, scope);
        if (content.length > 0) decoded.push({ role: 'assistant', content });
        break;
      }
      case 'system': {
        const content = decodeSystemContent(message.content, `${path}.content`, scope);
        if (content.length > 0) decoded.push({ role: 'system', content });
        break;
      }
    }
  });
  return decoded;
}

/** `system` (top level or a role:'system' message): a string or text blocks. */
export function decodeSystemContent(content: string | ReadonlyArray<{ type: string }>, path: string, scope: DecodeScope): TextPart[] {
  if (typeof content === 'string') return withoutAttribution({ type: 'text', text: content }, path, scope);
  const parts: TextPart[] = [];
  content.forEach((block, index) => {
    const blockPath = `${path}[${index}]`;
    if (block.type !== 'text') {
      warn(scope, blockPath, `a '${block.type}' block cannot be part of system instructions; dropped`);
      return;
    }
    const part = decodeTextBlock(block, blockPath, scope);
    if (part) parts.push(...withoutAttribution(part, blockPath, scope));
  });
  return parts;
}

/**
 * Claude Code puts a billing/attribution line (`x-anthropic-billing-header: cc_version=...`) in its
 * system prompt (docs/protocols.md#rules-for-every-direction). Only Anthropic reads it; other models would
 * take it as an instruction, so it is removed when the request is translated (empty blocks vanish).
 */
const attributionLine = /^x-anthropic-billing-header:.*(?:\r?\n|$)/gm;

function withoutAttribution(part: TextPart, path: string, scope: DecodeScope): TextPart[] {
  if (!part.text.includes('x-anthropic-billing-header:')) return part.text === '' ? [] : [part];
  const text = part.text.replace(attributionLine, '');
  warn(scope, path, 'Claude Code attribution header is only meaningful to Anthropic; removed');
  return text.trim() === '' ? [] : [{ ...part, text }];
}

function decodeUserMessage(content: AnthropicMessage['content'], path: string, scope: DecodeScope): CanonicalMessage[] {
  if (typeof content === 'string') return [{ role: 'user', content: [{ type: 'text', text: content }] }];
  const results: ToolResultPart[] = [];
  const parts: UserContentPart[] = [];
  content.forEach((block, index) => {
    const blockPath = `${path}.content[${index}]`;
    switch (block.type) {
      case 'tool_result': {
        const result = decodeToolResultBlock(block, blockPath, scope);
        if (result) results.push(result);
        break;
      }
      case 'text':
      case 'image':
      case 'document':
        parts.push(...decodeUserBlock(block, blockPath, scope));
        break;
      default:
        warn(scope, blockPath, `a '${block.type}' block has no canonical equivalent in a user turn; dropped`);
    }
  });
  const decoded: CanonicalMessage[] = [];
  if (results.length > 0) decoded.push({ role: 'tool', content: results });
  if (parts.length > 0) decoded.push({ role: 'user', content: parts });
  return decoded;
}

function decodeUserBlock(block: { type: string }, path: string, scope: DecodeScope): UserContentPart[] {
  if (block.type === 'document') return decodeDocumentBlock(block, path, scope);
  const part = block.type === 'image' ? decodeImageBlock(block, path, scope) : decodeTextBlock(block, path, scope);
  return part ? [part] : [];
}

function decodeAssistantContent(content: AnthropicMessage['content'], path: string, scope: DecodeScope): AssistantContentPart[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  const parts: AssistantContentPart[] = [];
  content.forEach((block, index) => {
    const part = decodeAssistantBlock(block, `${path}.content[${index}]`, scope);
    if (part) parts.push(part);
  });
  return parts;
}

function decodeAssistantBlock(block: { type: string }, path: string, scope: DecodeScope): AssistantContentPart | undefined {
  switch (block.type) {
    case 'text':
      return decodeTextBlock(block, path, scope);
    case 'thinking':
      return decodeThinkingBlock(block, path, scope);
    case 'redacted_thinking':
      return decodeRedactedThinkingBlock(block, path, scope);
    case 'tool_use':
      return decodeToolUseBlock(block, path, scope);
    case 'image':
      return decodeImageBlock(block, path, scope);
    default:
      // server_tool_use, web_search_tool_result, ...: results of Anthropic-hosted tools.
      warn(scope, path, `a '${block.type}' block has no canonical equivalent in an assistant turn; dropped`);
      return undefined;
  }
}
