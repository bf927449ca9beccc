import type { FilePart, ImagePart, MediaSource, TextPart, TranslationWarning, UserContentPart } from '../../canonical/index';
import { mediaSourceFromUrl } from '../../translation/data-url';
import { formatIssuePath, parseAt, type IssuePath, type RequestIssue } from '../../translation/request-issues';
import {
  responsesFilePartSchema,
  responsesImagePartSchema,
  responsesRefusalPartSchema,
  responsesTextPartSchema,
} from './openai-responses-schemas';

/** Shared by the input decoders: issues make the request a 400, warnings record what was dropped. */
export interface DecodeSink {
  issues: RequestIssue[];
  warnings: TranslationWarning[];
}

export function warn(sink: DecodeSink, path: IssuePath, message: string): void {
  sink.warnings.push({ field: formatIssuePath(path), message });
}

/**
 * One content part of a message or of a function_call_output (platform.openai.com/docs/api-reference/
 * responses/create#input: input_text, output_text, refusal, input_image, input_file, input_audio).
 */
export function decodeContentPart(part: { type: string }, path: IssuePath, sink: DecodeSink): UserContentPart | undefined {
  switch (part.type) {
    case 'input_text':
    case 'output_text': {
      const parsed = parseAt(responsesTextPartSchema, part, path, sink.issues);
      return parsed ? { type: 'text', text: parsed.text } : undefined;
    }
    case 'refusal': {
      const parsed = parseAt(responsesRefusalPartSchema, part, path, sink.issues);
      return parsed ? { type: 'text', text: parsed.refusal } : undefined;
    }
    case 'input_image':
      return decodeImagePart(part, path, sink);
    case 'input_file':
      return decodeFilePart(part, path, sink);
    case 'input_audio':
      return decodeAudioPart(part, path, sink);
    default:
      warn(sink, path, `content part type '${part.type}' has no canonical form; dropped`);
      return undefined;
  }
}

/** Text-only contexts (system/developer messages): other parts are dropped with a warning. */
export function decodeTextParts(parts: readonly { type: string }[], path: IssuePath, sink: DecodeSink): TextPart[] {
  const texts: TextPart[] = [];
  parts.forEach((part, index) => {
    const decoded = decodeContentPart(part, [...path, index], sink);
    if (decoded?.type === 'text') texts.push(decoded);
    else if (decoded) warn(sink, [...path, index], `${part.type} is not allowed in a system message; dropped`);
  });
  return texts;
}

const imageDetails: Record<string, ImagePart['detail']> = { auto: 'auto', low: 'low', high: 'high', original: 'high' };

function decodeImagePart(part: unknown, path: IssuePath, sink: DecodeSink): ImagePart | undefined {
  const parsed = parseAt(responsesImagePartSchema, part, path, sink.issues);
  if (!parsed) return undefined;
  const detail = parsed.detail == null ? undefined : imageDetails[parsed.detail];
  if (parsed.detail != null && detail === undefined) {
    sink.issues.push({ path: [...path, 'detail'], message: 'detail must be auto, low, high or original' });
    return undefined;
  }
  if (parsed.detail === 'original') warn(sink, [...path, 'detail'], "detail 'original' is sent as 'high'");
  if (!parsed.image_url) {
    if (parsed.file_id) warn(sink, [...path, 'file_id'], 'OpenAI file ids cannot be resolved by the proxy; image dropped');
    else sink.issues.push({ path, message: 'input_image needs image_url or file_id' });
    return undefined;
  }
  const image: ImagePart = { type: 'image', source: mediaSourceFromUrl(parsed.image_url) };
  if (detail) image.detail = detail;
  return image;
}

function decodeFilePart(part: unknown, path: IssuePath, sink: DecodeSink): FilePart | undefined {
  const parsed = parseAt(responsesFilePartSchema, part, path, sink.issues);
  if (!parsed) return undefined;
  let source: MediaSource | undefined;
  if (parsed.file_data) source = fileDataSource(parsed.file_data, parsed.filename ?? undefined);
  else if (parsed.file_url) source = { kind: 'url', url: parsed.file_url };
  if (!source) {
    if (parsed.file_id) warn(sink, [...path, 'file_id'], 'OpenAI file ids cannot be resolved by the proxy; file dropped');
    else sink.issues.push({ path, message: 'input_file needs file_data, file_url or file_id' });
    return undefined;
  }
  const file: FilePart = { type: 'file', source };
  if (parsed.filename) file.filename = parsed.filename;
  return file;
}

/** `file_data` is a data URL in the docs; bare base64 is accepted too, typed by the file name. */
function fileDataSource(data: string, filename: string | undefined): MediaSource {
  if (data.startsWith('data:')) return mediaSourceFromUrl(data);
  return { kind: 'base64', mediaType: mediaTypeForFilename(filename), data };
}

const mediaTypesByExtension: Record<string, string> = {
  pdf: 'application/pdf',
  txt: 'text/plain',
  md: 'text/markdown',
  csv: 'text/csv',
  json: 'application/json',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
};

function mediaTypeForFilename(filename: string | undefined): string {
  const extension = filename?.split('.').pop()?.toLowerCase() ?? '';
  return mediaTypesByExtension[extension] ?? 'application/octet-stream';
}

function decodeAudioPart(part: unknown, path: IssuePath, sink: DecodeSink): FilePart | undefined {
  const audio = (part as { input_audio?: { data?: unknown; format?: unknown } }).input_audio;
  if (typeof audio?.data !== 'string' || typeof audio.format !== 'string') {
    sink.issues.push({ path: [...path, 'input_audio'], message: 'input_audio needs data and format strings' });
    return undefined;
  }
  const mediaType = audio.format === 'mp3' ? 'audio/mpeg' : `audio/${audio.format}`;
  return { type: 'file', source: { kind: 'base64', mediaType, data: audio.data } };
}
