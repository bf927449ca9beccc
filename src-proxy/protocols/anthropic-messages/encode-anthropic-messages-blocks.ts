import type {
  CacheControl,
  FilePart,
  ImagePart,
  ReasoningPart,
  TextPart,
  ToolCallPart,
  ToolResultPart,
  TranslationWarning,
} from '../../canonical/index';
import type {
  WireCacheControl,
  WireDocumentBlock,
  WireImageBlock,
  WireRedactedThinkingBlock,
  WireTextBlock,
  WireThinkingBlock,
  WireToolResultBlock,
  WireToolUseBlock,
} from './anthropic-messages-types';
import type { ToolIdMapper } from './sanitize-anthropic-tool-id';

/**
 * Canonical parts -> Anthropic content blocks for an upstream request (Messages API content block
 * params). Anything Anthropic rejects is dropped here with a warning rather than sent to fail upstream.
 */
export interface EncodeScope {
  warnings: TranslationWarning[];
  mapToolId: ToolIdMapper;
}

/** Media types Anthropic accepts for base64 images (SDK `Base64ImageSource.media_type`). */
const imageMediaTypes = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);

export function encodeCacheControl(cache: CacheControl | undefined): { cache_control?: WireCacheControl } {
  if (!cache) return {};
  return { cache_control: cache.ttl !== undefined ? { type: 'ephemeral', ttl: cache.ttl } : { type: 'ephemeral' } };
}

/** Empty text blocks are rejected by Anthropic ("text content blocks must be non-empty"): skipped. */
export function encodeTextPart(part: TextPart): WireTextBlock | undefined {
  if (part.text === '') return undefined;
  return { type: 'text', text: part.text, ...encodeCacheControl(part.cacheControl) };
}

export function encodeImagePart(part: ImagePart, field: string, scope: EncodeScope): WireImageBlock | undefined {
  if (part.detail !== undefined) scope.warnings.push({ field: `${field}.detail`, message: 'image detail has no Anthropic equivalent' });
  const source = part.source;
  if (source.kind === 'url') return { type: 'image', source: { type: 'url', url: source.url }, ...encodeCacheControl(part.cacheControl) };
  if (!imageMediaTypes.has(source.mediaType)) {
    scope.warnings.push({ field, message: `Anthropic accepts jpeg/png/gif/webp images only; ${source.mediaType} dropped` });
    return undefined;
  }
  const wireSource = { type: 'base64' as const, media_type: source.mediaType, data: source.data };
  return { type: 'image', source: wireSource, ...encodeCacheControl(part.cacheControl) };
}

/** Files: PDF (base64 or URL) and text/* become documents; other types cannot be sent to Anthropic. */
export function encodeFilePart(part: FilePart, field: string, scope: EncodeScope): WireDocumentBlock | undefined {
  const title = part.filename !== undefined ? { title: part.filename } : {};
  const cache = encodeCacheControl(part.cacheControl);
  const source = part.source;
  if (source.kind === 'url') {
    if (source.mediaType !== undefined && source.mediaType !== 'application/pdf') {
      scope.warnings.push({ field, message: `Anthropic URL documents must be PDFs; ${source.mediaType} dropped` });
      return undefined;
    }
    return { type: 'document', source: { type: 'url', url: source.url }, ...title, ...cache };
  }
  if (source.mediaType === 'application/pdf') {
    return { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: source.data }, ...title, ...cache };
  }
  if (source.mediaType.startsWith('text/')) {
    const text = Buffer.from(source.data, 'base64').toString('utf8');
    return { type: 'document', source: { type: 'text', media_type: 'text/plain', data: text }, ...title, ...cache };
  }
  scope.warnings.push({ field, message: `Anthropic documents are PDF or plain text; ${source.mediaType} dropped` });
  return undefined;
}

/**
 * Reasoning is replayed only when it carries an Anthropic signature (Anthropic verifies it and rejects
 * anything else); reasoning from other vendors or unsigned is dropped (docs/protocols.md#reasoning-signatures; CPA does the same).
 */
export function encodeReasoningPart(
  part: ReasoningPart,
  field: string,
  scope: EncodeScope,
): WireThinkingBlock | WireRedactedThinkingBlock | undefined {
  if (part.signatureFormat !== 'anthropic' || !part.signature) {
    const whose = part.signatureFormat ?? 'unsigned';
    scope.warnings.push({ field, message: `reasoning without an Anthropic signature (${whose}) cannot be replayed to Anthropic; dropped` });
    return undefined;
  }
  if (part.redacted) return { type: 'redacted_thinking', data: part.signature };
  return { type: 'thinking', thinking: part.text, signature: part.signature };
}

export function encodeToolCallPart(part: ToolCallPart, field: string, scope: EncodeScope): WireToolUseBlock {
  return { type: 'tool_use', id: scope.mapToolId(part.id), name: part.name, input: parseToolInput(part.arguments, field, scope) };
}

/** tool_use.input must be a JSON object; the canonical arguments are JSON text. */
function parseToolInput(text: string, field: string, scope: EncodeScope): Record<string, unknown> {
  if (text.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // fall through to the warning
  }
  scope.warnings.push({ field: `${field}.arguments`, message: 'tool arguments are not a JSON object; sent as {}' });
  return {};
}

export function encodeToolResultPart(part: ToolResultPart, field: string, scope: EncodeScope): WireToolResultBlock {
  const block: WireToolResultBlock = { type: 'tool_result', tool_use_id: scope.mapToolId(part.toolCallId), content: '' };
  const only = part.content[0];
  if (part.content.length === 1 && only?.type === 'text' && !only.cacheControl) {
    block.content = only.text;
  } else {
    const blocks: Array<WireTextBlock | WireImageBlock | WireDocumentBlock> = [];
    part.content.forEach((inner, index) => {
      const innerField = `${field}.content[${index}]`;
      const encoded =
        inner.type === 'text'
          ? encodeTextPart(inner)
          : inner.type === 'image'
            ? encodeImagePart(inner, innerField, scope)
            : encodeFilePart(inner, innerField, scope);
      if (encoded) blocks.push(encoded);
    });
    block.content = blocks.length === 0 ? '' : blocks;
  }
  if (part.isError !== undefined) block.is_error = part.isError;
  return { ...block, ...encodeCacheControl(part.cacheControl) };
}
