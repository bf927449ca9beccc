import type {
  CacheControl,
  FilePart,
  ImagePart,
  ReasoningPart,
  TextPart,
  ToolCallPart,
  ToolResultPart,
  UserContentPart,
} from '../../canonical/index';
import {
  documentBlockSchema,
  imageBlockSchema,
  redactedThinkingBlockSchema,
  textBlockSchema,
  thinkingBlockSchema,
  toolResultBlockSchema,
  toolUseBlockSchema,
  type AnthropicCacheControl,
} from './anthropic-messages-schemas';
import { parseAt, warn, type DecodeScope } from './anthropic-request-issues';
import { decodeClientSignature } from './anthropic-thinking-signature';

/**
 * Decoders of single Anthropic content blocks (Messages API "content" block types). Each validates its
 * block with the schema for that type and returns the canonical part, or undefined after recording an
 * issue (bad type) or a warning (valid but not expressible in the hub).
 */

export function decodeCacheControl(value: AnthropicCacheControl | null | undefined): CacheControl | undefined {
  if (!value) return undefined;
  return value.ttl !== undefined ? { type: 'ephemeral', ttl: value.ttl } : { type: 'ephemeral' };
}

function withCache<T extends { cacheControl?: CacheControl }>(part: T, cache: AnthropicCacheControl | null | undefined): T {
  const cacheControl = decodeCacheControl(cache);
  if (cacheControl) part.cacheControl = cacheControl;
  return part;
}

export function decodeTextBlock(raw: unknown, path: string, scope: DecodeScope): TextPart | undefined {
  const block = parseAt(textBlockSchema, raw, path, scope);
  if (!block) return undefined;
  if (block['citations'] != null) warn(scope, `${path}.citations`, 'citations are not carried through translation');
  return withCache<TextPart>({ type: 'text', text: block.text }, block.cache_control);
}

export function decodeImageBlock(raw: unknown, path: string, scope: DecodeScope): ImagePart | undefined {
  const block = parseAt(imageBlockSchema, raw, path, scope);
  if (!block) return undefined;
  const source = block.source;
  if (source.type === 'file') {
    warn(scope, `${path}.source`, 'Files API references (file_id) only work with Anthropic; image dropped');
    return undefined;
  }
  const media =
    source.type === 'base64'
      ? { kind: 'base64' as const, mediaType: source.media_type, data: source.data }
      : { kind: 'url' as const, url: source.url };
  return withCache<ImagePart>({ type: 'image', source: media }, block.cache_control);
}

/**
 * Documents: base64 (PDF), URL (PDF) and plain-text sources become file parts; a `content` source
 * (a custom document made of blocks) is flattened into its text and image parts.
 */
export function decodeDocumentBlock(raw: unknown, path: string, scope: DecodeScope): UserContentPart[] {
  const block = parseAt(documentBlockSchema, raw, path, scope);
  if (!block) return [];
  for (const key of ['context', 'citations'] as const) {
    if (block[key] != null) warn(scope, `${path}.${key}`, `document ${key} is not carried through translation`);
  }
  const source = block.source;
  const file: FilePart = { type: 'file', source: { kind: 'url', url: '' } };
  switch (source.type) {
    case 'base64':
      file.source = { kind: 'base64', mediaType: source.media_type, data: source.data };
      break;
    case 'url':
      // Anthropic URL documents are PDFs (URLPDFSource).
      file.source = { kind: 'url', url: source.url, mediaType: 'application/pdf' };
      break;
    case 'text':
      file.source = { kind: 'base64', mediaType: 'text/plain', data: Buffer.from(source.data, 'utf8').toString('base64') };
      break;
    case 'content':
      warn(scope, `${path}.source`, 'custom content document flattened into its text and image blocks');
      return decodeDocumentContent(source.content, `${path}.source.content`, scope);
    case 'file':
      warn(scope, `${path}.source`, 'Files API references (file_id) only work with Anthropic; document dropped');
      return [];
  }
  if (block.title != null) file.filename = block.title;
  return [withCache(file, block.cache_control)];
}

function decodeDocumentContent(content: string | Array<{ type: string }>, path: string, scope: DecodeScope): UserContentPart[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  const parts: UserContentPart[] = [];
  content.forEach((inner, index) => {
    const innerPath = `${path}[${index}]`;
    const part = inner.type === 'image' ? decodeImageBlock(inner, innerPath, scope) : decodeTextBlock(inner, innerPath, scope);
    if (part) parts.push(part);
  });
  return parts;
}

export function decodeThinkingBlock(raw: unknown, path: string, scope: DecodeScope): ReasoningPart | undefined {
  const block = parseAt(thinkingBlockSchema, raw, path, scope);
  if (!block) return undefined;
  const part: ReasoningPart = { type: 'reasoning', text: block.thinking };
  // An empty signature cannot be verified by anyone: treat it as unsigned so it is never replayed.
  if (block.signature) {
    const { signature, format } = decodeClientSignature(block.signature);
    part.signature = signature;
    part.signatureFormat = format;
  }
  return part;
}

/** redacted_thinking carries only encrypted data: kept as a redacted reasoning part, data as signature. */
export function decodeRedactedThinkingBlock(raw: unknown, path: string, scope: DecodeScope): ReasoningPart | undefined {
  const block = parseAt(redactedThinkingBlockSchema, raw, path, scope);
  if (!block) return undefined;
  return { type: 'reasoning', text: '', redacted: true, signature: block.data, signatureFormat: 'anthropic' };
}

export function decodeToolUseBlock(raw: unknown, path: string, scope: DecodeScope): ToolCallPart | undefined {
  const block = parseAt(toolUseBlockSchema, raw, path, scope);
  if (!block) return undefined;
  if (block.cache_control) warn(scope, `${path}.cache_control`, 'cache_control on a tool_use block has no canonical equivalent');
  scope.toolNames.set(block.id, block.name);
  return { type: 'tool-call', id: block.id, name: block.name, arguments: argumentsText(block.input) };
}

/** `input` is an object on the wire; some clients send the JSON text instead, which is kept as is. */
export function argumentsText(input: unknown): string {
  if (typeof input === 'string') return input;
  return JSON.stringify(input ?? {});
}

export function decodeToolResultBlock(raw: unknown, path: string, scope: DecodeScope): ToolResultPart | undefined {
  const block = parseAt(toolResultBlockSchema, raw, path, scope);
  if (!block) return undefined;
  const part: ToolResultPart = { type: 'tool-result', toolCallId: block.tool_use_id, content: [] };
  const name = scope.toolNames.get(block.tool_use_id);
  if (name !== undefined) part.name = name;
  if (block.is_error != null) part.isError = block.is_error;
  const content = block.content;
  if (typeof content === 'string') {
    part.content.push({ type: 'text', text: content });
  } else if (content) {
    content.forEach((inner, index) => part.content.push(...decodeToolResultContent(inner, `${path}.content[${index}]`, scope)));
  }
  return withCache(part, block.cache_control);
}

function decodeToolResultContent(inner: { type: string }, path: string, scope: DecodeScope): Array<TextPart | ImagePart | FilePart> {
  switch (inner.type) {
    case 'text':
      return optional(decodeTextBlock(inner, path, scope));
    case 'image':
      return optional(decodeImageBlock(inner, path, scope));
    case 'document':
      return decodeDocumentBlock(inner, path, scope);
    default:
      warn(scope, path, `tool_result content block of type '${inner.type}' has no canonical equivalent; dropped`);
      return [];
  }
}

function optional<T>(value: T | undefined): T[] {
  return value === undefined ? [] : [value];
}
