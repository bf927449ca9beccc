import type {
  AssistantContentPart,
  CanonicalMessage,
  CanonicalRequest,
  FilePart,
  TextPart,
  ToolResultPart,
  TranslationWarning,
  UserContentPart,
} from '../../canonical/index';
import { mediaSourceToDataUrl } from '../../translation/data-url';
import type { OpenAIChatContentPart, OpenAIChatRequestMessage, OpenAIChatToolCall } from './openai-chat-types';

/**
 * Canonical conversation -> chat `messages` for an OpenAI-compatible upstream (chat reference,
 * "ChatCompletionMessageParam"). Text blocks are concatenated without separators: they are pieces of
 * one stream of text, and inserting characters would change what the model said.
 */
export function encodeOpenAIChatMessages(request: CanonicalRequest, warnings: TranslationWarning[]): OpenAIChatRequestMessage[] {
  const messages: OpenAIChatRequestMessage[] = [];
  if (request.system.length > 0) {
    warnCacheControl(request.system, 'system', warnings);
    messages.push({ role: 'system', content: request.system.map((part) => part.text).join('\n\n') });
  }
  request.messages.forEach((message, index) => messages.push(...encodeMessage(message, `messages[${index}]`, warnings)));
  return messages;
}

function encodeMessage(message: CanonicalMessage, path: string, warnings: TranslationWarning[]): OpenAIChatRequestMessage[] {
  switch (message.role) {
    case 'system':
      warnCacheControl(message.content, path, warnings);
      return [{ role: 'system', content: joinText(message.content) }];
    case 'user': {
      const content = encodeUserContent(message.content, `${path}.content`, warnings);
      return [{ role: 'user', content: collapseText(content) }];
    }
    case 'assistant':
      return [encodeAssistant(message.content, path, warnings)];
    case 'tool':
      return encodeToolResults(message.content, path, warnings);
    default: {
      const unreachable: never = message;
      throw new Error(`unhandled role ${String(unreachable)}`);
    }
  }
}

function joinText(parts: readonly TextPart[]): string {
  return parts.map((part) => part.text).join('');
}

function warnCacheControl(parts: ReadonlyArray<{ cacheControl?: unknown }>, path: string, warnings: TranslationWarning[]): void {
  if (parts.some((part) => part.cacheControl !== undefined)) {
    warnings.push({ field: `${path}.cacheControl`, message: 'prompt-cache hints have no OpenAI Chat equivalent and were dropped' });
  }
}

/** A user message of one text part is sent as a plain string, which every compatible server accepts. */
function collapseText(parts: OpenAIChatContentPart[]): string | OpenAIChatContentPart[] {
  if (parts.length === 0) return '';
  const only = parts[0];
  return parts.length === 1 && only?.type === 'text' ? only.text : parts;
}

/** input_audio accepts only these two formats (chat reference, "input_audio.format"). */
const audioFormats: Record<string, string> = { 'audio/wav': 'wav', 'audio/x-wav': 'wav', 'audio/mpeg': 'mp3', 'audio/mp3': 'mp3' };

function encodeFile(part: FilePart, path: string, warnings: TranslationWarning[]): OpenAIChatContentPart | undefined {
  if (part.source.kind === 'url') {
    warnings.push({ field: path, message: 'files by URL cannot be sent to OpenAI Chat (only inline file_data) and were dropped' });
    return undefined;
  }
  const audioFormat = audioFormats[part.source.mediaType.toLowerCase()];
  if (audioFormat) return { type: 'input_audio', input_audio: { data: part.source.data, format: audioFormat } };
  const file: { file_data: string; filename?: string } = { file_data: mediaSourceToDataUrl(part.source) };
  if (part.filename) file.filename = part.filename;
  return { type: 'file', file };
}

export function encodeUserContent(parts: readonly UserContentPart[], path: string, warnings: TranslationWarning[]): OpenAIChatContentPart[] {
  warnCacheControl(parts, path, warnings);
  const encoded: OpenAIChatContentPart[] = [];
  parts.forEach((part, index) => {
    const partPath = `${path}[${index}]`;
    switch (part.type) {
      case 'text':
        encoded.push({ type: 'text', text: part.text });
        break;
      case 'image': {
        const imageUrl: { url: string; detail?: 'auto' | 'low' | 'high' } = { url: mediaSourceToDataUrl(part.source) };
        if (part.detail) imageUrl.detail = part.detail;
        encoded.push({ type: 'image_url', image_url: imageUrl });
        break;
      }
      case 'file': {
        const file = encodeFile(part, partPath, warnings);
        if (file) encoded.push(file);
        break;
      }
      default: {
        const unreachable: never = part;
        throw new Error(`unhandled part ${String(unreachable)}`);
      }
    }
  });
  return encoded;
}

function encodeAssistant(parts: readonly AssistantContentPart[], path: string, warnings: TranslationWarning[]): OpenAIChatRequestMessage {
  const text: string[] = [];
  const reasoning: string[] = [];
  const toolCalls: OpenAIChatToolCall[] = [];
  for (const part of parts) {
    switch (part.type) {
      case 'text':
        text.push(part.text);
        break;
      case 'reasoning':
        // DeepSeek/Kimi-style `reasoning_content` replay; signatures are other vendors' proofs.
        if (part.signature || part.redacted) warnings.push({ field: `${path}.reasoning`, message: 'reasoning signatures and redacted reasoning cannot be sent to OpenAI Chat and were dropped' });
        if (!part.redacted && part.text) reasoning.push(part.text);
        break;
      case 'tool-call':
        toolCalls.push({ id: part.id, type: 'function', function: { name: part.name, arguments: part.arguments || '{}' } });
        break;
      case 'image':
        warnings.push({ field: `${path}.image`, message: 'assistant images cannot be sent to OpenAI Chat and were dropped' });
        break;
      default: {
        const unreachable: never = part;
        throw new Error(`unhandled part ${String(unreachable)}`);
      }
    }
  }
  const message: OpenAIChatRequestMessage = { role: 'assistant', content: text.length === 0 && toolCalls.length > 0 ? null : text.join('') };
  if (reasoning.length > 0) message.reasoning_content = reasoning.join('');
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  return message;
}

/**
 * One `tool` message per result. Tool messages carry only text (chat reference), so images and files of
 * a result follow in one user message after the batch, where the model can still see them.
 */
function encodeToolResults(results: readonly ToolResultPart[], path: string, warnings: TranslationWarning[]): OpenAIChatRequestMessage[] {
  const messages: OpenAIChatRequestMessage[] = [];
  const attachments: OpenAIChatContentPart[] = [];
  results.forEach((result, index) => {
    const resultPath = `${path}.content[${index}]`;
    const texts = result.content.filter((part): part is TextPart => part.type === 'text');
    const media = result.content.filter((part) => part.type !== 'text');
    if (result.isError) warnings.push({ field: `${resultPath}.isError`, message: 'OpenAI Chat tool results have no error flag; it was dropped' });
    warnCacheControl([result], resultPath, warnings);
    const content = texts.length === 1 ? (texts[0]?.text ?? '') : texts.length === 0 ? '' : texts.map((part) => ({ type: 'text' as const, text: part.text }));
    messages.push({ role: 'tool', tool_call_id: result.toolCallId, content });
    if (media.length > 0) {
      warnings.push({ field: `${resultPath}.content`, message: 'images and files of a tool result were moved to a user message after the tool messages' });
      attachments.push(...encodeUserContent(media, `${resultPath}.content`, warnings));
    }
  });
  if (attachments.length > 0) messages.push({ role: 'user', content: attachments });
  return messages;
}
