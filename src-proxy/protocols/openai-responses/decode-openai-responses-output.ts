import type { AssistantContentPart, ReasoningPart, TranslationWarning } from '../../canonical/index';
import { restoreToolName, type OpenAIResponsesRestore } from './openai-responses-names';
import { upstreamOutputItemSchema, type UpstreamOutputItem } from './openai-responses-schemas';
import { decodeEncryptedContent } from './openai-responses-signature';

/**
 * One upstream output item (platform.openai.com/docs/api-reference/responses/object#output) -> canonical
 * assistant parts. Used for non-stream bodies and for items a stream only shows in its final response.
 * Annotations and logprobs are ignored; hosted-tool items (web_search_call...) have no canonical form.
 */
export function decodeOpenAIResponsesOutputItem(
  raw: unknown,
  path: string,
  restore: OpenAIResponsesRestore | undefined,
  warnings: TranslationWarning[],
): AssistantContentPart[] {
  const parsed = upstreamOutputItemSchema.safeParse(raw);
  if (!parsed.success) {
    warnings.push({ field: path, message: 'output item is not an object; dropped' });
    return [];
  }
  const item = parsed.data;
  switch (item.type) {
    case 'message':
      return messageTexts(item).map((text) => ({ type: 'text', text }));
    case 'reasoning': {
      const part = reasoningPart(item);
      return part ? [part] : [];
    }
    case 'function_call':
      return [{ type: 'tool-call', id: item.call_id ?? item.id ?? '', name: restoreToolName(restore, item.name ?? ''), arguments: item.arguments ?? '' }];
    default:
      warnings.push({ field: path, message: `output item type '${item.type ?? 'missing'}' has no canonical form; dropped` });
      return [];
  }
}

/** output_text parts (and refusals, which are the model's text to the user) in order. */
export function messageTexts(item: UpstreamOutputItem): string[] {
  return (item.content ?? []).flatMap((part) => {
    if (part.type === 'refusal') return part.refusal !== undefined ? [part.refusal] : [];
    return part.text !== undefined ? [part.text] : [];
  });
}

/** Summary parts are joined with a blank line, as they are separate paragraphs of one reasoning item. */
export function reasoningText(item: UpstreamOutputItem): string {
  const summary = (item.summary ?? []).flatMap((part) => (part.text !== undefined ? [part.text] : []));
  if (summary.length > 0) return summary.join('\n\n');
  return (item.content ?? []).flatMap((part) => (part.text !== undefined ? [part.text] : [])).join('\n\n');
}

/**
 * A reasoning item with neither text nor encrypted_content (what gpt-5 answers without
 * `reasoning.summary` and `include`) carries nothing: it is dropped, as the request decoder does,
 * rather than shown to a client as empty reasoning.
 */
function reasoningPart(item: UpstreamOutputItem): ReasoningPart | undefined {
  const part: ReasoningPart = { type: 'reasoning', text: reasoningText(item) };
  if (item.encrypted_content) {
    const decoded = decodeEncryptedContent(item.encrypted_content);
    part.signature = decoded.signature;
    part.signatureFormat = decoded.signatureFormat;
    if (decoded.redacted) part.redacted = true;
  }
  return part.text === '' && part.signature === undefined ? undefined : part;
}
