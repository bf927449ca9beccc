import type { FilePart, ImagePart, MediaSource, TextPart, TranslationWarning, UserContentPart } from '../../canonical/index';
import { mediaSourceFromUrl } from '../../translation/data-url';
import {
  openaiChatAudioPartSchema,
  openaiChatFilePartSchema,
  openaiChatImagePartSchema,
  openaiChatRefusalPartSchema,
  openaiChatTextPartSchema,
  type OpenAIChatInboundPart,
} from './openai-chat-schemas';
import { formatIssuePath, parseAt, type IssuePath, type RequestIssue } from '../../translation/request-issues';

/** Where decoded problems go: hard errors (`issues`, a 400) and dropped fields (`warnings`). */
export interface DecodeScope {
  warnings: TranslationWarning[];
  issues: RequestIssue[];
}

type Content = string | OpenAIChatInboundPart[];

/**
 * User (and tool-result) content: text, image_url, input_audio and file parts, as documented in the
 * chat reference "ChatCompletionContentPart". Unknown part types are dropped with a warning.
 */
export function decodeUserContent(content: Content, path: IssuePath, scope: DecodeScope): UserContentPart[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  const parts: UserContentPart[] = [];
  content.forEach((part, index) => {
    const decoded = decodeUserPart(part, [...path, index], scope);
    if (decoded) parts.push(decoded);
  });
  return parts;
}

function decodeUserPart(part: OpenAIChatInboundPart, path: IssuePath, scope: DecodeScope): UserContentPart | undefined {
  switch (part.type) {
    case 'text': {
      const text = parseAt(openaiChatTextPartSchema, part, path, scope.issues);
      return text && { type: 'text', text: text.text };
    }
    case 'image_url': {
      const image = parseAt(openaiChatImagePartSchema, part, path, scope.issues);
      return image && decodeImage(image.image_url, path, scope);
    }
    case 'input_audio': {
      const audio = parseAt(openaiChatAudioPartSchema, part, path, scope.issues);
      return audio && decodeAudio(audio.input_audio);
    }
    case 'file': {
      const file = parseAt(openaiChatFilePartSchema, part, path, scope.issues);
      return file && decodeFile(file.file, path, scope);
    }
    default:
      scope.warnings.push({ field: formatIssuePath(path), message: `content part type '${part.type}' is not supported and was dropped` });
      return undefined;
  }
}

function decodeImage(imageUrl: string | { url: string; detail?: string | null | undefined }, path: IssuePath, scope: DecodeScope): ImagePart {
  const url = typeof imageUrl === 'string' ? imageUrl : imageUrl.url;
  const detail = typeof imageUrl === 'string' ? undefined : imageUrl.detail;
  const image: ImagePart = { type: 'image', source: mediaSourceFromUrl(url) };
  if (detail === 'auto' || detail === 'low' || detail === 'high') image.detail = detail;
  else if (detail) scope.warnings.push({ field: `${formatIssuePath(path)}.image_url.detail`, message: `detail '${detail}' is not supported and was dropped` });
  return image;
}

/** `input_audio.format` values of the chat reference (wav, mp3) plus the common others. */
function audioMediaType(format: string): string {
  const lower = format.toLowerCase();
  if (lower === 'mp3') return 'audio/mpeg';
  if (lower === 'pcm16') return 'audio/pcm';
  return `audio/${lower || 'wav'}`;
}

function decodeAudio(audio: { data: string; format: string }): FilePart {
  return { type: 'file', source: { kind: 'base64', mediaType: audioMediaType(audio.format), data: audio.data } };
}

const mediaTypeByExtension: Record<string, string> = {
  pdf: 'application/pdf',
  txt: 'text/plain',
  md: 'text/markdown',
  csv: 'text/csv',
  json: 'application/json',
  html: 'text/html',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  gif: 'image/gif',
};

/** `file.file_data` is a data URL in practice; raw base64 gets its type from the filename extension. */
function fileSource(fileData: string, filename: string | undefined): MediaSource {
  if (fileData.startsWith('data:')) return mediaSourceFromUrl(fileData);
  const extension = filename?.split('.').pop()?.toLowerCase() ?? '';
  return { kind: 'base64', mediaType: mediaTypeByExtension[extension] ?? 'application/octet-stream', data: fileData };
}

function decodeFile(
  file: { file_data?: string | null | undefined; file_id?: string | null | undefined; filename?: string | null | undefined },
  path: IssuePath,
  scope: DecodeScope,
): FilePart | undefined {
  const filename = file.filename ?? undefined;
  if (!file.file_data) {
    // An OpenAI Files API id means nothing to any other provider.
    scope.warnings.push({ field: `${formatIssuePath(path)}.file`, message: 'file parts without file_data (file_id references) are not supported and were dropped' });
    return undefined;
  }
  const part: FilePart = { type: 'file', source: fileSource(file.file_data, filename) };
  if (filename) part.filename = filename;
  return part;
}

/**
 * Text-only content (system/developer and assistant messages): text parts, plus `refusal` parts on
 * assistant messages, which are what the model said and so become text.
 */
export function decodeTextContent(content: Content, path: IssuePath, scope: DecodeScope): TextPart[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  const parts: TextPart[] = [];
  content.forEach((part, index) => {
    const partPath = [...path, index];
    if (part.type === 'text') {
      const text = parseAt(openaiChatTextPartSchema, part, partPath, scope.issues);
      if (text) parts.push({ type: 'text', text: text.text });
    } else if (part.type === 'refusal') {
      const refusal = parseAt(openaiChatRefusalPartSchema, part, partPath, scope.issues);
      if (refusal) parts.push({ type: 'text', text: refusal.refusal });
    } else {
      scope.warnings.push({ field: formatIssuePath(partPath), message: `content part type '${part.type}' is not supported in this message and was dropped` });
    }
  });
  return parts;
}
