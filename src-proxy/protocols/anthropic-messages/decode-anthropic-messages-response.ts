import type { AssistantContentPart, CanonicalResponse, Translated, TranslationContext, TranslationWarning } from '../../canonical/index';
import { ProxyError } from '../../errors/proxy-error';
import { upstreamMessageSchema } from './anthropic-messages-schemas';
import { convertAnthropicUsageToCanonical } from './convert-anthropic-messages-usage';
import { mapAnthropicStopReasonToFinish } from './map-anthropic-messages-finish-reason';

/**
 * An Anthropic upstream's non-stream `Message` (https://docs.anthropic.com/en/api/messages, response
 * body) -> canonical response. Tolerant: unknown fields and block types are skipped (with a warning for
 * blocks, e.g. server tool results that only Anthropic clients understand).
 */
export function decodeAnthropicMessagesResponse(body: unknown, context: TranslationContext): Translated<CanonicalResponse> {
  const parsed = upstreamMessageSchema.safeParse(body);
  if (!parsed.success || isErrorBody(body)) throw protocolError(body);
  const message = parsed.data;
  const warnings: TranslationWarning[] = [];
  const content: AssistantContentPart[] = [];
  (message.content ?? []).forEach((block, index) => {
    const part = decodeResponseBlock(block, `content[${index}]`, warnings);
    if (part) content.push(part);
  });
  return {
    value: {
      id: message.id ?? context.generateId('msg'),
      model: message.model ?? '',
      created: Math.floor(context.now() / 1000),
      content,
      finish: mapAnthropicStopReasonToFinish(message.stop_reason, message.stop_sequence),
      usage: convertAnthropicUsageToCanonical(message.usage),
    },
    warnings,
  };
}

/** One response content block (text, thinking, redacted_thinking, tool_use) -> a canonical part. */
export function decodeResponseBlock(
  block: Record<string, unknown>,
  field: string,
  warnings: TranslationWarning[],
): AssistantContentPart | undefined {
  switch (block['type']) {
    case 'text':
      if (Array.isArray(block['citations']) && block['citations'].length > 0) {
        warnings.push({ field: `${field}.citations`, message: 'citations are not carried through translation' });
      }
      return { type: 'text', text: stringField(block, 'text') };
    case 'thinking': {
      const signature = stringField(block, 'signature');
      const text = stringField(block, 'thinking');
      return signature === '' ? { type: 'reasoning', text } : { type: 'reasoning', text, signature, signatureFormat: 'anthropic' };
    }
    case 'redacted_thinking':
      return { type: 'reasoning', text: '', redacted: true, signature: stringField(block, 'data'), signatureFormat: 'anthropic' };
    case 'tool_use':
      return { type: 'tool-call', id: stringField(block, 'id'), name: stringField(block, 'name'), arguments: JSON.stringify(block['input'] ?? {}) };
    default:
      warnings.push({ field, message: `a '${String(block['type'])}' block has no canonical equivalent; dropped` });
      return undefined;
  }
}

function stringField(block: Record<string, unknown>, key: string): string {
  const value = block[key];
  return typeof value === 'string' ? value : '';
}

function isErrorBody(body: unknown): boolean {
  return typeof body === 'object' && body !== null && (body as Record<string, unknown>)['type'] === 'error';
}

/** An error body sent with a 2xx status is passed on (it is Anthropic's own words); anything else is a protocol error. */
function protocolError(body: unknown): ProxyError {
  const upstream = isErrorBody(body) ? { upstreamBody: JSON.stringify(body), upstreamWire: 'anthropic-messages' as const } : {};
  return new ProxyError({
    code: 'PX_UPSTREAM_PROTOCOL',
    httpStatus: 502,
    message: 'The Anthropic upstream returned a body that is not a Messages response',
    ...upstream,
  });
}
