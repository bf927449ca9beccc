import type {
  AssistantContentPart,
  CanonicalMessage,
  FilePart,
  ImagePart,
  ReasoningPart,
  TextPart,
  ToolResultPart,
  TranslationWarning,
  UserContentPart,
} from '../../canonical/index';
import { mediaSourceToDataUrl } from '../../translation/data-url';
import { shortenCallId } from './openai-responses-names';

export interface EncodeState {
  warnings: TranslationWarning[];
  /** original tool name -> upstream name (see openai-responses-names.ts). */
  names: ReadonlyMap<string, string>;
}

type Item = Record<string, unknown>;

/**
 * Canonical messages -> Responses `input` items (platform.openai.com/docs/api-reference/responses/create#input).
 * An assistant message becomes, in its own order, reasoning items, assistant message items (runs of text)
 * and function_call items; a tool message one function_call_output per result.
 */
export function encodeOpenAIResponsesInput(messages: readonly CanonicalMessage[], state: EncodeState): Item[] {
  return messages.flatMap((message, index) => encodeMessage(message, `messages[${index}]`, state));
}

export function developerMessage(texts: readonly TextPart[], path: string, state: EncodeState): Item {
  return { type: 'message', role: 'developer', content: texts.map((text, index) => encodeTextPart(text, 'input_text', `${path}[${index}]`, state)) };
}

function encodeMessage(message: CanonicalMessage, path: string, state: EncodeState): Item[] {
  switch (message.role) {
    case 'system':
      return [developerMessage(message.content, `${path}.content`, state)];
    case 'user': {
      const content = message.content.flatMap((part, index) => encodeUserPart(part, `${path}.content[${index}]`, state));
      return content.length > 0 ? [{ type: 'message', role: 'user', content }] : [];
    }
    case 'assistant':
      return encodeAssistant(message.content, `${path}.content`, state);
    case 'tool':
      return message.content.map((result, index) => encodeToolResult(result, `${path}.content[${index}]`, state));
    default: {
      const unknownMessage: never = message;
      throw new Error(`unknown message role ${JSON.stringify(unknownMessage)}`);
    }
  }
}

function encodeTextPart(part: TextPart, type: 'input_text' | 'output_text', path: string, state: EncodeState): Item {
  if (part.cacheControl) state.warnings.push({ field: `${path}.cacheControl`, message: 'Responses has no cache_control; dropped' });
  return { type, text: part.text };
}

function encodeUserPart(part: UserContentPart, path: string, state: EncodeState): Item[] {
  switch (part.type) {
    case 'text':
      return [encodeTextPart(part, 'input_text', path, state)];
    case 'image':
      return [encodeImagePart(part, path, state)];
    case 'file':
      return encodeFilePart(part, path, state);
    default: {
      const unknownPart: never = part;
      throw new Error(`unknown user part ${JSON.stringify(unknownPart)}`);
    }
  }
}

function encodeImagePart(part: ImagePart, path: string, state: EncodeState): Item {
  if (part.cacheControl) state.warnings.push({ field: `${path}.cacheControl`, message: 'Responses has no cache_control; dropped' });
  return { type: 'input_image', image_url: mediaSourceToDataUrl(part.source), detail: part.detail ?? 'auto' };
}

const audioFormats: Record<string, string> = { 'audio/mpeg': 'mp3', 'audio/mp3': 'mp3', 'audio/wav': 'wav', 'audio/x-wav': 'wav' };

function encodeFilePart(part: FilePart, path: string, state: EncodeState): Item[] {
  if (part.cacheControl) state.warnings.push({ field: `${path}.cacheControl`, message: 'Responses has no cache_control; dropped' });
  const source = part.source;
  if (source.kind === 'base64') {
    const audioFormat = audioFormats[source.mediaType];
    if (audioFormat) return [{ type: 'input_audio', input_audio: { data: source.data, format: audioFormat } }];
    return [{ type: 'input_file', filename: part.filename ?? defaultFilename(source.mediaType), file_data: mediaSourceToDataUrl(source) }];
  }
  if (/^https?:\/\//i.test(source.url)) return [{ type: 'input_file', file_url: source.url, ...(part.filename ? { filename: part.filename } : {}) }];
  state.warnings.push({ field: path, message: `file URL '${source.url.split(':')[0]}:' cannot be fetched by a Responses upstream; dropped` });
  return [];
}

function defaultFilename(mediaType: string): string {
  return mediaType === 'application/pdf' ? 'document.pdf' : 'file';
}

function encodeAssistant(parts: readonly AssistantContentPart[], path: string, state: EncodeState): Item[] {
  const items: Item[] = [];
  let texts: Item[] = [];
  const flushText = (): void => {
    if (texts.length > 0) items.push({ type: 'message', role: 'assistant', content: texts });
    texts = [];
  };
  parts.forEach((part, index) => {
    const partPath = `${path}[${index}]`;
    switch (part.type) {
      case 'text':
        texts.push(encodeTextPart(part, 'output_text', partPath, state));
        return;
      case 'reasoning':
        flushText();
        items.push(...encodeReasoning(part, partPath, state));
        return;
      case 'tool-call':
        flushText();
        if (part.signature) state.warnings.push({ field: `${partPath}.signature`, message: 'Responses function calls carry no signature; dropped' });
        items.push({ type: 'function_call', call_id: shortenCallId(part.id), name: state.names.get(part.name) ?? part.name, arguments: part.arguments });
        return;
      case 'image':
        state.warnings.push({ field: partPath, message: 'Responses input has no assistant images; dropped' });
        return;
      default: {
        const unknownPart: never = part;
        throw new Error(`unknown assistant part ${JSON.stringify(unknownPart)}`);
      }
    }
  });
  flushText();
  return items;
}

/**
 * Only reasoning signed by a Responses upstream can be replayed (as `encrypted_content`): another
 * vendor's signature would be rejected, and unsigned reasoning text cannot be given back at all.
 */
function encodeReasoning(part: ReasoningPart, path: string, state: EncodeState): Item[] {
  if (!part.signature || part.signatureFormat !== 'openai-responses') {
    const why = part.signature ? `a ${part.signatureFormat ?? 'unknown'} signature` : 'no signature';
    state.warnings.push({ field: path, message: `reasoning with ${why} cannot be replayed to a Responses upstream; dropped` });
    return [];
  }
  const summary = part.text ? [{ type: 'summary_text', text: part.text }] : [];
  return [{ type: 'reasoning', summary, encrypted_content: part.signature }];
}

function encodeToolResult(result: ToolResultPart, path: string, state: EncodeState): Item {
  if (result.isError) state.warnings.push({ field: `${path}.isError`, message: 'Responses function_call_output has no error flag; dropped' });
  if (result.cacheControl) state.warnings.push({ field: `${path}.cacheControl`, message: 'Responses has no cache_control; dropped' });
  const allText = result.content.every((part) => part.type === 'text');
  const output = allText
    ? result.content.map((part) => (part.type === 'text' ? part.text : '')).join('')
    : result.content.flatMap((part, index) => encodeOutputPart(part, `${path}.content[${index}]`, state));
  return { type: 'function_call_output', call_id: shortenCallId(result.toolCallId), output };
}

/** function_call_output parts are input_text, input_image and input_file only (no audio). */
function encodeOutputPart(part: UserContentPart, path: string, state: EncodeState): Item[] {
  const items = encodeUserPart(part, path, state);
  if (!items.some((item) => item['type'] === 'input_audio')) return items;
  state.warnings.push({ field: path, message: 'function_call_output cannot carry audio; dropped' });
  return [];
}
