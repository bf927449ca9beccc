import type { FilePart, ImagePart, MediaSource } from '../../canonical/index';
import { mediaSourceFromUrl } from '../../translation/data-url';
import type { GeminiPart } from './gemini-types';

/**
 * Media parts: Gemini `inlineData {mimeType, data}` (base64) and `fileData {mimeType, fileUri}` (Files API
 * URIs, gs:// and http(s) URLs; https://ai.google.dev/gemini-api/docs/file-input-methods) <-> canonical
 * image/file parts. The MIME type decides image vs file.
 */

const extensionMimeTypes: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  heic: 'image/heic',
  heif: 'image/heif',
  pdf: 'application/pdf',
  txt: 'text/plain',
  md: 'text/markdown',
  csv: 'text/csv',
  html: 'text/html',
  json: 'application/json',
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  ogg: 'audio/ogg',
  flac: 'audio/flac',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
  webm: 'video/webm',
};

export function isImageMimeType(mimeType: string | null | undefined): boolean {
  return typeof mimeType === 'string' && mimeType.toLowerCase().startsWith('image/');
}

/** MIME type from a URL's file extension (query and fragment ignored); undefined when unknown. */
export function guessMimeTypeFromUri(uri: string): string | undefined {
  const path = uri.split(/[?#]/)[0] ?? '';
  const extension = /\.([A-Za-z0-9]+)$/.exec(path)?.[1]?.toLowerCase();
  return extension ? extensionMimeTypes[extension] : undefined;
}

export function decodeInlineData(inlineData: { mimeType: string; data: string }): ImagePart | FilePart {
  const source: MediaSource = { kind: 'base64', mediaType: inlineData.mimeType, data: inlineData.data };
  return isImageMimeType(inlineData.mimeType) ? { type: 'image', source } : { type: 'file', source };
}

export function decodeFileData(fileData: { mimeType?: string | null; fileUri: string }): ImagePart | FilePart {
  const mediaType = fileData.mimeType ?? guessMimeTypeFromUri(fileData.fileUri);
  const source: MediaSource = mediaType ? { kind: 'url', url: fileData.fileUri, mediaType } : { kind: 'url', url: fileData.fileUri };
  return isImageMimeType(mediaType) ? { type: 'image', source } : { type: 'file', source };
}

/**
 * A canonical media source as a Gemini part. URLs become `fileData` (never dropped, unlike the original,
 * which silently lost http image URLs: docs/protocols.md#cpa-quirks-we-do-not-copy); the MIME type comes from the part, the
 * URL's extension, or `fallbackMimeType`.
 */
export function encodeMediaSource(original: MediaSource, fallbackMimeType: string): GeminiPart {
  const source = original.kind === 'url' && original.url.startsWith('data:') ? mediaSourceFromUrl(original.url) : original;
  if (source.kind === 'base64') return { inlineData: { mimeType: source.mediaType, data: source.data } };
  const mimeType = source.mediaType ?? guessMimeTypeFromUri(source.url) ?? fallbackMimeType;
  return { fileData: { mimeType, fileUri: source.url } };
}
